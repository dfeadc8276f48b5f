package org.iecmh.endorsement.payment.fees;

import java.time.LocalDate;

/**
 * Which prices an invoice was issued at: the fee schedule version in force ({@code feesEffectiveFrom}) in the
 * association's record as the service held it ({@code associationSequence}).
 */
public record PricedBy(LocalDate feesEffectiveFrom, long associationSequence) {
}
