-- Whether an application's category has an exam, by the requirements it was handed in under, so that pages ask the
-- view rather than keep their own list of categories; false for rows written before, until the view is rebuilt.
ALTER TABLE application_view ADD COLUMN exam BOOLEAN NOT NULL DEFAULT FALSE;
