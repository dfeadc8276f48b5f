package org.iecmh.endorsement.payment.invoicing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.time.DateRange;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.FeeSchedule;
import org.iecmh.endorsement.payment.fees.FeeSchedules;
import org.iecmh.endorsement.payment.fees.PricedBy;
import org.iecmh.endorsement.payment.fees.RefundReason;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
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

    /**
     * An invoice a coordinator writes. Each line is either a fee of the association's schedule ({@code fee} alone,
     * priced from the schedule in force today) or a priced line ({@code description} and {@code amountCents}).
     * Without {@code dueOn} it is due after the schedule's days to pay. A membership runs from {@code membershipFrom}
     * (the day the invoice is issued, if not given) through {@code membershipThrough}; membership dues without
     * {@code membershipThrough} run by the association's calendar-year rule. Dates before 1900 or more
     * than five years ahead are refused as typing mistakes.
     */
    record IssueRequest(@NotBlank @Size(max = 255) String personId,
                        @Size(max = 64) String applicationId,
                        @NotEmpty @Size(max = 50) List<@Valid @NotNull LineRequest> lines,
                        @DateRange(yearsAhead = 5) LocalDate dueOn,
                        @DateRange(yearsAhead = 5) LocalDate membershipThrough,
                        @DateRange(yearsAhead = 5) LocalDate membershipFrom) {
    }

    record LineRequest(FeeKind fee, @Size(max = 200) String description, @PositiveOrZero Long amountCents) {

        @AssertTrue(message = "needs a fee of the schedule, or a description and an amount")
        boolean isPriced() {
            return amountCents == null ? fee != null && description == null
                    : description != null && !description.isBlank();
        }
    }

    record WaiverRequest(@NotNull @Positive Long amountCents,
                         @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                         @NotNull WaiverKind kind,
                         @NotBlank @Size(max = 500) String reason) {
    }

    record VoidRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record RefundRequest(@NotNull @Positive Long amountCents,
                         @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                         @NotNull RefundReason reason,
                         @Size(max = 500) String note) {
    }

    private final CommandGateway commands;
    private final InvoiceViews views;
    private final FeeSchedules fees;
    private final Associations associations;
    private final Clock clock;

    InvoiceResource(CommandGateway commands, InvoiceViews views, FeeSchedules fees, Associations associations,
                    Clock clock) {
        this.associations = associations;
        this.commands = commands;
        this.views = views;
        this.fees = fees;
        this.clock = clock;
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
     * Issues an invoice by hand at the prices in force today. The {@code Idempotency-Key} header names it: a retried
     * request answers the invoice issued the first time.
     */
    @PostMapping
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators issue invoices")
    ResponseEntity<InvoiceView> issue(@RequestHeader(IdempotencyKey.HEADER) @NotBlank @Size(max = 100) String idempotencyKey,
                                      @Valid @RequestBody IssueRequest request, Actor actor) {
        String invoiceId = "INV-" + IdempotencyKey.id(idempotencyKey, actor.tenantId());
        var issued = views.find(invoiceId, actor.tenantId());
        if (issued.isPresent()) {
            return ResponseEntity.ok(issued.get());
        }
        LocalDate today = associations.require(actor.tenantId()).today(clock);
        FeeSchedule schedule = fees.inEffect(actor.tenantId(), today);
        List<InvoiceLine> lines = request.lines().stream().map(line -> priced(line, schedule)).toList();
        LocalDate dueOn = request.dueOn() == null ? today.plusDays(schedule.dueDays()) : request.dueOn();
        try {
            commands.sendAndWait(new IssueInvoice(invoiceId, request.personId(), request.applicationId(), lines,
                    dueOn, membershipThrough(request, lines, today, actor.tenantId()),
                    membershipFrom(request, lines, today), pricedBy(request, schedule)), actor.metaData());
        } catch (RuntimeException raced) {
            // The same request sent twice at once: the one that lost finds the invoice the other issued.
            return views.find(invoiceId, actor.tenantId()).map(ResponseEntity::ok).orElseThrow(() -> raced);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(views.require(invoiceId, actor));
    }

    /**
     * Records a payment received offline (check, bank transfer) or taken by card at the office. The
     * {@code Idempotency-Key} header names the payment: a retried request with the same key records nothing more.
     */
    @PostMapping("/{invoiceId}/payments")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators record payments")
    InvoiceView pay(@PathVariable String invoiceId,
                    @RequestHeader(IdempotencyKey.HEADER) @NotBlank @Size(max = 100) String idempotencyKey,
                    @Valid @RequestBody PaymentRequest request, Actor actor) {
        views.require(invoiceId, actor);
        commands.sendAndWait(new RecordPayment(invoiceId, idempotencyKey,
                Money.of(request.amountCents(), request.currency()), request.method(), request.reference()),
                actor.metaData());
        return views.require(invoiceId, actor);
    }

    /** Waives fees or applies a scholarship; idempotent by the {@code Idempotency-Key} header like a payment. */
    @PostMapping("/{invoiceId}/waivers")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators waive fees")
    InvoiceView waive(@PathVariable String invoiceId,
                      @RequestHeader(IdempotencyKey.HEADER) @NotBlank @Size(max = 100) String idempotencyKey,
                      @Valid @RequestBody WaiverRequest request, Actor actor) {
        views.require(invoiceId, actor);
        commands.sendAndWait(new WaiveFees(invoiceId, idempotencyKey,
                Money.of(request.amountCents(), request.currency()), request.kind(), request.reason()),
                actor.metaData());
        return views.require(invoiceId, actor);
    }

    /** Voids an invoice that has no payments left on it; voiding it again changes nothing. */
    @PostMapping("/{invoiceId}/voiding")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators void invoices")
    InvoiceView voidInvoice(@PathVariable String invoiceId, @Valid @RequestBody VoidRequest request, Actor actor) {
        views.require(invoiceId, actor);
        commands.sendAndWait(new VoidInvoice(invoiceId, request.reason()), actor.metaData());
        return views.require(invoiceId, actor);
    }

    /**
     * Refunds money received, within the association's rules for the reason, as they stood when the invoice was
     * issued. Idempotent by the {@code Idempotency-Key} header.
     */
    @PostMapping("/{invoiceId}/refunds")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators refund payments")
    InvoiceView refund(@PathVariable String invoiceId,
                       @RequestHeader(IdempotencyKey.HEADER) @NotBlank @Size(max = 100) String idempotencyKey,
                       @Valid @RequestBody RefundRequest request, Actor actor) {
        InvoiceView invoice = views.require(invoiceId, actor);
        FeeSchedule schedule = fees.inEffect(actor.tenantId(),
                invoice.issuedOn() == null ? associations.require(actor.tenantId()).today(clock) : invoice.issuedOn());
        commands.sendAndWait(new RefundPayment(invoiceId, idempotencyKey,
                Money.of(request.amountCents(), request.currency()), request.reason(), request.note(),
                schedule.notRefundedFor(request.reason())), actor.metaData());
        return views.require(invoiceId, actor);
    }

    /** The schedule priced the invoice where a line took its amount from it, not where every amount was given. */
    private static PricedBy pricedBy(IssueRequest request, FeeSchedule schedule) {
        return request.lines().stream().anyMatch(line -> line.amountCents() == null) ? schedule.pricedBy() : null;
    }

    private static InvoiceLine priced(LineRequest line, FeeSchedule schedule) {
        if (line.amountCents() != null) {
            return InvoiceLine.asWritten(line.description(), Money.of(line.amountCents(), schedule.currency()),
                    line.fee());
        }
        return InvoiceLine.of(schedule.requireFlatFee(line.fee()));
    }

    /**
     * The last day of the membership the invoice pays for: the one given, or for membership dues without one, the
     * association's calendar-year rule from the day the membership begins.
     */
    private LocalDate membershipThrough(IssueRequest request, List<InvoiceLine> lines, LocalDate today,
                                        String tenantId) {
        if (request.membershipThrough() != null || !paysMembership(lines)) {
            return request.membershipThrough();
        }
        LocalDate from = request.membershipFrom() != null ? request.membershipFrom() : today;
        return associations.require(tenantId).membershipOn(from).runsThrough(from);
    }

    private static LocalDate membershipFrom(IssueRequest request, List<InvoiceLine> lines, LocalDate today) {
        if (request.membershipThrough() == null && !paysMembership(lines)) {
            return null;
        }
        return request.membershipFrom() != null ? request.membershipFrom() : today;
    }

    private static boolean paysMembership(List<InvoiceLine> lines) {
        return lines.stream().anyMatch(line -> line.kind() == FeeKind.MEMBERSHIP_DUES);
    }
}
