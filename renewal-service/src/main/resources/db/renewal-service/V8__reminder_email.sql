-- Each reminder email, recorded with its Message-ID before it is handed to the SMTP relay and marked sent after:
-- a reminder marked sent is not sent again; one recorded but never marked may have gone out, and is sent again
-- with the same Message-ID.
CREATE TABLE reminder_email (
    endorsement_number VARCHAR(32)              NOT NULL,
    closes_on          DATE                     NOT NULL,
    days_before        INTEGER                  NOT NULL,
    message_id         VARCHAR(255)             NOT NULL,
    recipient          VARCHAR(320)             NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts           INTEGER                  NOT NULL DEFAULT 0,
    sent_at            TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (endorsement_number, closes_on, days_before)
);
