-- When a transfer was asked for: the receiving association's coordinators list the transfers waiting for them,
-- oldest first.
ALTER TABLE endorsement_view ADD COLUMN transfer_requested_on DATE;
