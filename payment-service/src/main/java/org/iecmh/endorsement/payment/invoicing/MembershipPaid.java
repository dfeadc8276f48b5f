package org.iecmh.endorsement.payment.invoicing;

import java.time.LocalDate;

/**
 * A settled membership invoice: the person is a member of the association from {@code activeFrom} (absent in events
 * stored before memberships had a start) through {@code activeThrough}.
 */
public record MembershipPaid(String invoiceId, String tenantId, String personId, LocalDate activeThrough,
                             LocalDate activeFrom) {
}
