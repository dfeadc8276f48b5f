package org.iecmh.endorsement.application.imports;

/** Where an imported endorsement stands in the association's record: the statuses renewal-service keeps. */
public enum ImportedStatus {
    ACTIVE, INACTIVE, LAPSED
}
