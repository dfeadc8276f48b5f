-- The add-ons an association attests with an endorsement (abbreviations, ERS): shown with the entry, and the
-- Endorsed Reflective Supervisor add-on lists its holder in the reflective supervision directory whatever the category.
-- Entries listed before had none that the registry knew of; a rebuild fills them from the events.
ALTER TABLE registry_entry ADD COLUMN add_ons VARCHAR(16)[] NOT NULL DEFAULT '{}';
