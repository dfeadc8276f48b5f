package org.iecmh.endorsement.payment.grouppayment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.iecmh.endorsement.payment.invoicing.PaymentMethod;
import org.iecmh.endorsement.payment.invoicing.RecordPayment;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;


/**
 * One payment for several invoices, such as an agency paying for its staff. The payment is shared out over the
 * invoices ({@link GroupPaymentSplit}) and recorded on each in one transaction: all shares or none.
 */
@RestController
@RequestMapping("/api/payments/group-payments")
class GroupPaymentResource {

    record GroupPaymentRequest(@NotBlank @Size(max = 200) String payer,
                               @NotNull @Positive Long amountCents,
                               @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                               @NotNull PaymentMethod method,
                               @Size(max = 200) String reference,
                               @NotEmpty @Size(max = 200) List<@NotBlank String> invoiceIds) {
    }

    private static final TypeReference<List<GroupPaymentSplit.Share>> SHARES = new TypeReference<>() {
    };

    private final CommandGateway commands;
    private final InvoiceViews invoices;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    GroupPaymentResource(CommandGateway commands, InvoiceViews invoices, JdbcTemplate jdbc,
                         TransactionTemplate transaction, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                         Clock clock) {
        this.commands = commands;
        this.invoices = invoices;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the payment; the {@code Idempotency-Key} header names it, and a retried request answers the payment
     * recorded the first time without recording anything more.
     */
    @PostMapping
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators record group payments")
    ResponseEntity<GroupPayment> pay(@RequestHeader(IdempotencyKey.HEADER) @NotBlank @Size(max = 80) String idempotencyKey,
                                     @Valid @RequestBody GroupPaymentRequest request, Actor actor) {
        List<GroupPayment> recorded = find(actor.tenantId(), idempotencyKey);
        if (!recorded.isEmpty()) {
            return ResponseEntity.ok(recorded.get(0));
        }
        try {
            GroupPayment payment = transaction.execute(status -> record(idempotencyKey, request, actor));
            return ResponseEntity.status(HttpStatus.CREATED).body(payment);
        } catch (RuntimeException raced) {
            // The same request sent twice at once: the loser's payments were rolled back with its transaction
            // (or never made), and it answers what the winner recorded.
            return find(actor.tenantId(), idempotencyKey).stream().findFirst().map(ResponseEntity::ok)
                    .orElseThrow(() -> raced);
        }
    }

    private GroupPayment record(String key, GroupPaymentRequest request, Actor actor) {
        List<GroupPaymentSplit.Owed> owed = request.invoiceIds().stream().map(id -> owed(id, actor)).toList();
        Money amount = Money.of(request.amountCents(), request.currency());
        List<GroupPaymentSplit.Share> shares = GroupPaymentSplit.split(amount, owed);
        String reference = "group payment " + key + " from " + request.payer()
                + (request.reference() == null ? "" : ", " + request.reference());
        for (GroupPaymentSplit.Share share : shares) {
            if (share.amount().cents() > 0) {
                commands.sendAndWait(new RecordPayment(share.invoiceId(), key + "/" + share.invoiceId(),
                        share.amount(), request.method(), reference), actor.metaData());
            }
        }
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO group_payment (tenant_id, group_payment_id, payer, amount_cents, currency, method,
                                           reference, shares, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
                actor.tenantId(), key, request.payer(), amount.cents(), amount.currency(), request.method().name(),
                request.reference(), write(shares), Timestamp.from(now));
        return new GroupPayment(key, actor.tenantId(), request.payer(), amount, request.method(), request.reference(),
                shares, now);
    }

    private GroupPaymentSplit.Owed owed(String invoiceId, Actor actor) {
        InvoiceView invoice = invoices.find(invoiceId, actor.tenantId())
                .orElseThrow(() -> new UnknownResource("invoice", invoiceId)).payable();
        return new GroupPaymentSplit.Owed(invoiceId, invoice.outstanding());
    }

    private List<GroupPayment> find(String tenantId, String key) {
        return jdbc.query("SELECT * FROM group_payment WHERE tenant_id = ? AND group_payment_id = ?",
                (rs, n) -> new GroupPayment(rs.getString("group_payment_id"), rs.getString("tenant_id"),
                        rs.getString("payer"), Money.of(rs.getLong("amount_cents"), rs.getString("currency")),
                        PaymentMethod.valueOf(rs.getString("method")), rs.getString("reference"),
                        read(rs.getString("shares")), rs.getTimestamp("recorded_at").toInstant()),
                tenantId, key);
    }

    private String write(List<GroupPaymentSplit.Share> shares) {
        try {
            return json.writeValueAsString(shares);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<GroupPaymentSplit.Share> read(String text) {
        try {
            return json.readValue(text, SHARES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable group payment shares", e);
        }
    }
}
