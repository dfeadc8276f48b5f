package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

class InvoiceTest {

    private static final MetaData IN_MA = AuditMetadata.of("ma", "coordinator-1", "COORDINATOR");
    private static final List<InvoiceLine> LINES = List.of(
            new InvoiceLine("Registration fee, IMHS", Money.of(2_500, "USD")),
            new InvoiceLine("Processing fee, IMHS", Money.of(30_000, "USD")));
    private static final LocalDate DUE = LocalDate.of(2026, 12, 22);

    private final InvoiceIssued issued = new InvoiceIssued("INV-1", "ma", "person-1", "app-1", LINES,
            Money.of(32_500, "USD"), DUE);

    private AggregateTestFixture<Invoice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Invoice.class);
    }

    @Test
    void anInvoiceTotalsItsLinesInCents() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("INV-1", "person-1", "app-1", LINES, DUE), IN_MA)
                .expectEvents(issued);
    }

    @Test
    void partialPaymentsSettleTheInvoiceWhenTheyCoverIt() {
        PaymentRecorded first = new PaymentRecorded("INV-1", "ma", "pay-1", Money.of(12_500, "USD"),
                PaymentMethod.CHECK, "check 1001");
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(12_500, "USD"), PaymentMethod.CHECK,
                        "check 1001"), IN_MA)
                .expectEvents(first);
        fixture.given(issued, first)
                .when(new RecordPayment("INV-1", "pay-2", Money.of(20_000, "USD"), PaymentMethod.CARD, "ch_1"), IN_MA)
                .expectEvents(
                        new PaymentRecorded("INV-1", "ma", "pay-2", Money.of(20_000, "USD"), PaymentMethod.CARD,
                                "ch_1"),
                        new InvoiceSettled("INV-1", "ma", "person-1", "app-1", Money.of(32_500, "USD")));
    }

    @Test
    void theSamePaymentRecordedTwiceIsRecordedOnce() {
        PaymentRecorded recorded = new PaymentRecorded("INV-1", "ma", "pay-1", Money.of(32_500, "USD"),
                PaymentMethod.CARD, "ch_1");
        fixture.given(issued, recorded, new InvoiceSettled("INV-1", "ma", "person-1", "app-1",
                        Money.of(32_500, "USD")))
                .when(new RecordPayment("INV-1", "pay-1", Money.of(32_500, "USD"), PaymentMethod.CARD, "ch_1"), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noPaymentExceedsWhatIsOwedOrComesInAnotherCurrency() {
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(32_501, "USD"), PaymentMethod.CARD, null), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(100, "CAD"), PaymentMethod.CARD, null), IN_MA)
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherAssociationCannotRecordAPayment() {
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(100, "USD"), PaymentMethod.CARD, null),
                        AuditMetadata.of("wa", "coordinator-wa", "COORDINATOR"))
                .expectException(UnknownResource.class);
    }
}
