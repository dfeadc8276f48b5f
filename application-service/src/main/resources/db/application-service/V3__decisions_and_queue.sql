-- Reasons given with a denial, shown to the applicant.
ALTER TABLE application_view ADD COLUMN reasons JSONB;
-- The coordinator's queue: one state of one association, oldest first.
CREATE INDEX application_view_queue ON application_view (tenant_id, status, updated_at, application_id);
