-- Reminders now fall before the window opens as well as before it closes, and a mail says when it opens: the kind
-- (OPENING, CLOSING, OPENED) is part of what identifies one mail. Rows recorded before were reminders before the close.
ALTER TABLE reminder_email ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'CLOSING';
ALTER TABLE reminder_email DROP CONSTRAINT reminder_email_pkey;
ALTER TABLE reminder_email ADD PRIMARY KEY (endorsement_number, closes_on, kind, days_before);
