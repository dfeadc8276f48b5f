-- The public rate limit's counts, one row per client and minute, shared by every gateway instance.
-- UNLOGGED: a count lives a minute or two; after a crash or a failover the table starts empty, which only forgives
-- the clients of that minute, and no count is worth a WAL record.
CREATE UNLOGGED TABLE public_request_count (
    client   text   NOT NULL,
    minute   bigint NOT NULL,
    requests int    NOT NULL,
    PRIMARY KEY (client, minute)
);
