package org.iecmh.endorsement.testkit;

import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a service's tests start from, written once: the events another service would have sent (an application
 * submitted, an endorsement granted, an invoice paid) with plausible defaults that a test overrides only where its
 * story depends on them, and an invoice issued through payment-service's API.
 */
public final class Given {

    /** When the defaults happened: the morning of the day the service tests' clocks start on. */
    public static final Instant MORNING = Instant.parse("2026-11-22T10:00:00Z");

    private Given() {
    }

    /** An endorsement granted under {@code number}, held by the association its prefix names ({@code MA-...}: ma). */
    public static GrantedEndorsement grantedEndorsement(String number) {
        return new GrantedEndorsement(number.substring(0, number.indexOf('-')).toLowerCase(Locale.ROOT), number,
                "app-" + number, "person-" + number, "Endorsee " + number, "IMHS", MORNING,
                LocalDate.of(2027, 12, 31), null);
    }

    /** An application submitted in {@code tenant} by {@code personId}. */
    public static SubmittedApplication submittedApplication(String tenant, String personId) {
        return new SubmittedApplication(tenant, UUID.randomUUID().toString(), personId, "Some One", "IMHS", MORNING,
                null);
    }

    /** An invoice paid in full. */
    public static PaidInvoice paidInvoice(String tenant, String invoiceId, String personId) {
        return new PaidInvoice(tenant, invoiceId, personId, null, Money.of(10_000, "USD"), MORNING);
    }

    /** An invoice that {@code coordinator} issues through payment-service's API. */
    public static IssuedInvoice issuedInvoice(ApiClient coordinator, String personId) {
        return new IssuedInvoice(coordinator, personId, "Fees", 10_000);
    }

    /** {@link EndorsementGranted}, with every field but the number open to change. */
    public record GrantedEndorsement(String tenantId, String number, String applicationId, String personId,
                                     String name, String category, Instant grantedAt, LocalDate validThrough,
                                     String email) {

        public GrantedEndorsement heldBy(String personId) {
            return new GrantedEndorsement(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }

        public GrantedEndorsement named(String name) {
            return new GrantedEndorsement(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }

        public GrantedEndorsement in(String category) {
            return new GrantedEndorsement(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }

        public GrantedEndorsement grantedAt(Instant grantedAt) {
            return new GrantedEndorsement(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }

        public GrantedEndorsement validThrough(LocalDate validThrough) {
            return new GrantedEndorsement(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }

        public GrantedEndorsement writtenTo(String email) {
            return new GrantedEndorsement(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }

        public EndorsementGranted event() {
            return new EndorsementGranted(tenantId, number, applicationId, personId, name, category, grantedAt,
                    validThrough, email);
        }
    }

    /** {@link ApplicationSubmitted}, with every field open to change. */
    public record SubmittedApplication(String tenantId, String applicationId, String personId, String name,
                                       String category, Instant submittedAt, String email) {

        public SubmittedApplication id(String applicationId) {
            return new SubmittedApplication(tenantId, applicationId, personId, name, category, submittedAt, email);
        }

        public SubmittedApplication in(String category) {
            return new SubmittedApplication(tenantId, applicationId, personId, name, category, submittedAt, email);
        }

        public SubmittedApplication submittedAt(Instant submittedAt) {
            return new SubmittedApplication(tenantId, applicationId, personId, name, category, submittedAt, email);
        }

        public SubmittedApplication writtenTo(String email) {
            return new SubmittedApplication(tenantId, applicationId, personId, name, category, submittedAt, email);
        }

        public ApplicationSubmitted event() {
            return new ApplicationSubmitted(tenantId, applicationId, personId, name, category, submittedAt, email);
        }
    }

    /** {@link InvoicePaid}, with every field open to change. */
    public record PaidInvoice(String tenantId, String invoiceId, String personId, String applicationId, Money amount,
                              Instant paidAt) {

        public PaidInvoice forApplication(String applicationId) {
            return new PaidInvoice(tenantId, invoiceId, personId, applicationId, amount, paidAt);
        }

        public PaidInvoice of(Money amount) {
            return new PaidInvoice(tenantId, invoiceId, personId, applicationId, amount, paidAt);
        }

        public PaidInvoice paidAt(Instant paidAt) {
            return new PaidInvoice(tenantId, invoiceId, personId, applicationId, amount, paidAt);
        }

        public InvoicePaid event() {
            return new InvoicePaid(tenantId, invoiceId, personId, applicationId, amount, paidAt);
        }
    }

    /** An invoice of one line that a coordinator issues; {@link #issue()} sends it once and answers its id. */
    public record IssuedInvoice(ApiClient coordinator, String personId, String description, long cents) {

        public IssuedInvoice of(long cents) {
            return new IssuedInvoice(coordinator, personId, description, cents);
        }

        public IssuedInvoice described(String description) {
            return new IssuedInvoice(coordinator, personId, description, cents);
        }

        /** Issues the invoice, failing the test unless payment-service answers 201, and answers its id. */
        public String issue() {
            ApiClient.Response issued = coordinator.post("/api/payments/invoices", Map.of("personId", personId,
                            "lines", List.of(Map.of("description", description, "amountCents", cents))),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (issued.status() != 201) {
                throw new AssertionError("The invoice was not issued: " + issued.status() + " " + issued.text());
            }
            return issued.at("/invoiceId");
        }
    }
}
