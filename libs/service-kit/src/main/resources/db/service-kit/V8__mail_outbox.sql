-- The service's outgoing mail (service-kit's MailOutbox): a mail is recorded here in the transaction of the step that
-- causes it, under a key made from that step and its recipient, so that a step handled twice records it once; the
-- delivery thread sends it, with the same Message-ID on every try, and marks it SENT or, after its last try, FAILED.
-- The body is kept only while the mail waits: it may carry a one-time secret (a rater's link).
CREATE TABLE mail_outbox (
    mail_key        VARCHAR(300)  NOT NULL PRIMARY KEY,
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
CREATE INDEX mail_outbox_waiting ON mail_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX mail_outbox_failed ON mail_outbox (tenant_id, recorded_at) WHERE status = 'FAILED';
CREATE INDEX mail_outbox_person ON mail_outbox (tenant_id, person, recorded_at);
