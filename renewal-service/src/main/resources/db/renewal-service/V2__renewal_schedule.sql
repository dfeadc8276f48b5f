-- The time-driven steps still ahead of each endorsement (window opens, reminders, lapse), kept by the
-- schedule's subscribing processor; the sweeper sends each step's command once its day has come.
CREATE TABLE scheduled_step (
    endorsement_number VARCHAR(32) NOT NULL,
    step               VARCHAR(16) NOT NULL,
    days_before        INTEGER     NOT NULL,
    tenant_id          VARCHAR(32) NOT NULL,
    valid_through      DATE        NOT NULL,
    due_on             DATE        NOT NULL,
    PRIMARY KEY (endorsement_number, step, days_before)
);
CREATE INDEX scheduled_step_due ON scheduled_step (due_on);

ALTER TABLE endorsement_view ADD COLUMN status_since DATE;
ALTER TABLE endorsement_view ADD COLUMN renewal VARCHAR(16);
