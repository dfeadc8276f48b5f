package org.iecmh.endorsement.payment.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.iecmh.endorsement.payment.invoicing.PaymentMethod;
import org.iecmh.endorsement.payment.invoicing.RecordPayment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Card payments: the payer (or a coordinator) starts one for what an invoice still owes, completes it with the card
 * processor, and the processor's signed webhook records it. The webhook may come more than once; the payment is
 * named by the processor's id, so it is recorded once.
 */
@RestController
class CardResource {

    /** The card payment started, and what it charges. */
    record CardCheckoutStarted(String invoiceId, Money amount, String processorPaymentId, String clientSecret) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUCCEEDED = "payment_intent.succeeded";

    private final CardProcessor processor;
    private final StripeSettings settings;
    private final InvoiceViews invoices;
    private final CommandGateway commands;
    private final Clock clock;

    CardResource(CardProcessor processor, StripeSettings settings, InvoiceViews invoices, CommandGateway commands,
                 Clock clock) {
        this.processor = processor;
        this.settings = settings;
        this.invoices = invoices;
        this.commands = commands;
        this.clock = clock;
    }

    /** Starts a card payment of the invoice's outstanding amount; idempotent by the {@code Idempotency-Key} header. */
    @PostMapping("/api/payments/invoices/{invoiceId}/card-checkouts")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE, Role.COORDINATOR},
            refusal = "Only the person billed or a coordinator pays an invoice by card")
    CardCheckoutStarted start(@PathVariable String invoiceId,
                              @RequestHeader(IdempotencyKey.HEADER) @NotBlank @Size(max = 100) String idempotencyKey,
                              Actor actor) {
        InvoiceView invoice = invoices.require(invoiceId, actor).payable();
        CardProcessor.CardCheckout checkout = processor.start(new CardProcessor.CardCharge(actor.tenantId(),
                invoiceId, invoice.outstanding(), actor.tenantId() + "/" + invoiceId + "/" + idempotencyKey,
                "Invoice " + invoiceId));
        return new CardCheckoutStarted(invoiceId, invoice.outstanding(), checkout.processorPaymentId(),
                checkout.clientSecret());
    }

    /** The processor's report; anything not signed with our webhook secret within the tolerance is refused. */
    @PostMapping("/api/payments/card-webhooks")
    Map<String, Object> webhook(@RequestHeader(value = "Stripe-Signature", required = false) String signature,
                                @RequestBody String body) {
        if (!WebhookSignature.verify(signature, body, settings.webhookSecret(), clock.instant(),
                settings.signatureTolerance())) {
            throw new InvalidRequest("Stripe-Signature", "webhook-signature",
                    "The Stripe-Signature header does not match");
        }
        JsonNode event = read(body);
        if (!SUCCEEDED.equals(event.path("type").asText())) {
            return Map.of("recorded", false);
        }
        JsonNode intent = event.path("data").path("object");
        String tenantId = intent.path("metadata").path("tenant_id").asText();
        String invoiceId = intent.path("metadata").path("invoice_id").asText();
        JsonNode received = intent.path("amount_received");
        if (tenantId.isBlank() || invoiceId.isBlank() || !received.canConvertToExactIntegral()) {
            throw new InvalidRequest("data.object.metadata", "our-invoice", "Not a payment for one of our invoices");
        }
        Money amount = Money.of(received.asLong(), intent.path("currency").asText().toUpperCase(Locale.ROOT));
        String processorPaymentId = intent.path("id").asText();
        commands.sendAndWait(new RecordPayment(invoiceId, "card:" + processorPaymentId, amount, PaymentMethod.CARD,
                        processorPaymentId),
                AuditMetadata.of(tenantId, "card-processor:stripe", AuditMetadata.SYSTEM_ROLE)
                        .mergedWith(Map.of(AuditMetadata.CORRELATION, event.path("id").asText(processorPaymentId))));
        return Map.of("recorded", true);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequest("body", "json", "Unreadable webhook");
        }
    }
}
