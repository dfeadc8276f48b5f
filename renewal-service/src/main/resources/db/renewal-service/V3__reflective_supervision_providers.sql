-- Periods in which an endorsee was endorsed in a category that provides reflective supervision/consultation
-- (IMHS, ECMHS, IMHM-C, ECMHM-C): a session counts only with a provider endorsed on its date.
CREATE TABLE provider_period (
    endorsement_number VARCHAR(32)  NOT NULL,
    person_id          VARCHAR(255) NOT NULL,
    category           VARCHAR(16)  NOT NULL,
    from_on            DATE         NOT NULL,
    to_on              DATE,
    PRIMARY KEY (endorsement_number, from_on)
);
