package org.iecmh.endorsement.renewal.reminders;

/** Renewal reminders for the endorsement go to {@code emailAddress} from now on. */
public record EmailAddressRecorded(String endorsementNumber, String tenantId, String emailAddress) {
}
