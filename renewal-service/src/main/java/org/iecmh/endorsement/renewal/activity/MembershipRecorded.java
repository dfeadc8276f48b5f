package org.iecmh.endorsement.renewal.activity;

import java.time.LocalDate;

/**
 * The endorsee is a member of the association from {@code activeFrom} through {@code activeThrough}. Events stored
 * before memberships had a start carry none; such a membership is read as running from January 1 of the year it ends
 * in, so that it never counts for a year before that one.
 */
public record MembershipRecorded(String endorsementNumber, String tenantId, String invoiceId, LocalDate activeThrough,
                                 LocalDate activeFrom) {

    public LocalDate startsOn() {
        return activeFrom != null ? activeFrom : activeThrough.withDayOfYear(1);
    }
}
