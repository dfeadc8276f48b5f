-- The inbox keeps a handled event's id for as long as it may come again (iecmh.inbox.retention); older rows are
-- deleted by when they were received.
CREATE INDEX inbox_received_at ON inbox (received_at);
