package org.iecmh.endorsement.renewal.lifecycle;

/** Where an endorsement stands; only an active one is on the public registry. */
public enum EndorsementStatus {
    ACTIVE, INACTIVE, LAPSED, REVOKED
}
