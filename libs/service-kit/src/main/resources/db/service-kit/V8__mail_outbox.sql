-- The service's outgoing mail (service-kit's MailOutbox): a mail is recorded here in the transaction of the step that
-- causes it, under a key made from that step and its recipient, so that a step handled twice records it once; the
-- delivery thread sends what is due in the order it was recorded (seq), with the same Message-ID on every try, and marks it SENT or, after its last try, FAILED.
-- The body is kept only while the mail waits: it may carry a one-time secret (a rater's link).
CREATE TABLE mail_outbox (
    mail_key        VARCHAR(300)  NOT NULL PRIMARY KEY,
    seq             BIGINT        GENERATED ALWAYS AS IDENTITY,
    tenant_id       VARCHAR(32)   NOT NULL,
    kind            VARCHAR(64)   NOT NULL,
    recipient       VARCHAR(320)  NOT NULL,
    person          VARCHAR(255),
    language        VARCHAR(8)    NOT NULL,
    sender          VARCHAR(320)  NOT NULL,
    sender_name     VARCHAR(300),
    message_id      VARCHAR(400)  NOT NULL,
    subject         VARCHAR(500)  NOT NULL,
    text_body       TEXT,
    html_body       TEXT,
    link            VARCHAR(1000),
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    recorded_at     TIMESTAMPTZ   NOT NULL,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    last_error      VARCHAR(1000)
);
CREATE INDEX mail_outbox_waiting ON mail_outbox (seq) WHERE status = 'PENDING';
CREATE INDEX mail_outbox_failed ON mail_outbox (tenant_id, recorded_at) WHERE status = 'FAILED';
CREATE INDEX mail_outbox_person ON mail_outbox (tenant_id, person, recorded_at);

-- What the service knows of how to write to each person in the association: the language they last chose (the
-- Accept-Language of a request they sent), which the mail about their later steps is written in, and the address
-- another service told it they are mailed at (the contact email of their application).
CREATE TABLE mail_recipient (
    tenant_id     VARCHAR(32)  NOT NULL,
    person        VARCHAR(255) NOT NULL,
    language      VARCHAR(8),
    email_address VARCHAR(320),
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, person)
);
