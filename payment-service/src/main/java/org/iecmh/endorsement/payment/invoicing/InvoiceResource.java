package org.iecmh.endorsement.payment.invoicing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/payments/invoices")
class InvoiceResource {

    /** An amount in whole cents; {@code reference} is the card charge, check number or transfer reference. */
    record PaymentRequest(@NotNull @Positive Long amountCents,
                          @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                          @NotNull PaymentMethod method,
                          @Size(max = 200) String reference) {
    }

    private final CommandGateway commands;
    private final InvoiceViews views;

    InvoiceResource(CommandGateway commands, InvoiceViews views) {
        this.commands = commands;
        this.views = views;
    }

    @GetMapping
    List<InvoiceView> forApplication(@RequestParam @NotBlank String applicationId, Actor actor) {
        return views.forApplication(applicationId, actor);
    }

    @GetMapping("/{invoiceId}")
    InvoiceView get(@PathVariable String invoiceId, Actor actor) {
        return views.require(invoiceId, actor);
    }

    /**
     * Records a payment. The {@code Idempotency-Key} header names the payment: a retried request with the same key
     * records nothing more.
     */
    @PostMapping("/{invoiceId}/payments")
    InvoiceView pay(@PathVariable String invoiceId,
                    @RequestHeader("Idempotency-Key") @NotBlank @Size(max = 100) String idempotencyKey,
                    @Valid @RequestBody PaymentRequest request, Actor actor) {
        views.require(invoiceId, actor);
        commands.sendAndWait(new RecordPayment(invoiceId, idempotencyKey,
                Money.of(request.amountCents(), request.currency()), request.method(), request.reference()),
                actor.metaData());
        return views.require(invoiceId, actor);
    }
}
