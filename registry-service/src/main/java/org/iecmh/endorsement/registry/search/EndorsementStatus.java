package org.iecmh.endorsement.registry.search;

/** Where an endorsement stands. Only {@link #ACTIVE} ones are listed; every one of them can be verified. */
public enum EndorsementStatus {
    ACTIVE, LAPSED, REVOKED, INACTIVE, TRANSFERRED
}
