package org.iecmh.endorsement.payment.card;

import org.iecmh.endorsement.contracts.Money;

/**
 * The card processor, as payment-service needs it: start a card payment that the payer completes with the processor
 * (the card number never reaches us). The processor reports the outcome later through a signed webhook.
 */
public interface CardProcessor {

    /** What to charge; {@code idempotencyKey} makes a retried start return the same payment at the processor. */
    record CardCharge(String tenantId, String invoiceId, Money amount, String idempotencyKey, String description) {
    }

    /** A started card payment: the processor's id and the secret the payer's browser completes it with. */
    record CardCheckout(String processorPaymentId, String clientSecret, String status) {
    }

    CardCheckout start(CardCharge charge);
}
