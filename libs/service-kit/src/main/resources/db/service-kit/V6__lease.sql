-- Time-driven work that one instance at a time must do (renewal-service's sweep): the instance holding a name's lease
-- until held_until does it. The database's clock decides, so that instances whose clocks differ agree.
CREATE TABLE lease (
    name       VARCHAR(100) PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    held_until TIMESTAMPTZ  NOT NULL
);
