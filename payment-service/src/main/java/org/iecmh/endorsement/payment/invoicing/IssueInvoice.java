package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import org.iecmh.endorsement.payment.fees.PricedBy;

import java.time.LocalDate;
import java.util.List;

/**
 * Bills a person; {@code applicationId} names the application the invoice is for, if it is for one.
 * {@code membershipThrough}, when set, is the last day of the membership the invoice pays for, and
 * {@code membershipFrom} its first. {@code pricedBy}: the fee schedule version that priced its lines, if one did.
 */
public record IssueInvoice(@TargetAggregateIdentifier String invoiceId, String personId, String applicationId,
                           List<InvoiceLine> lines, LocalDate dueOn, LocalDate membershipThrough,
                           LocalDate membershipFrom, PricedBy pricedBy) {
}
