-- The association an endorsement waits to be transferred to, whose coordinator may see and accept it meanwhile.
ALTER TABLE endorsement_view ADD COLUMN transfer_to VARCHAR(32);
