-- Where the endorsee wants renewal reminders sent.
ALTER TABLE endorsement_view ADD COLUMN email_address VARCHAR(320);
