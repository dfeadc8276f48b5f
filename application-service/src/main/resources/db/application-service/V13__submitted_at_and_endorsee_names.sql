-- When the application was first handed in (ApplicationSubmitted); null while a draft. A rebuild replays it.
ALTER TABLE application_view ADD COLUMN submitted_at TIMESTAMPTZ;

-- An endorsee's name as the event that made them one gave it, for the list of people eligible to review. Granted
-- endorsements take it from their application here; those recorded or imported get it from a rebuild.
ALTER TABLE endorsee ADD COLUMN name VARCHAR(255);
UPDATE endorsee e SET name = a.applicant_name FROM application_view a
WHERE a.endorsement_number = e.endorsement_number AND a.tenant_id = e.tenant_id;
