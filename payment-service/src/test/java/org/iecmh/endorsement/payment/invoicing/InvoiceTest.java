package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.PricedBy;
import org.iecmh.endorsement.payment.fees.RefundReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

class InvoiceTest {

    private static final MetaData IN_MA = AuditMetadata.of("ma", "coordinator-1", "COORDINATOR");
    private static final List<InvoiceLine> LINES = List.of(
            InvoiceLine.asWritten("Registration fee, IMHS", Money.of(2_500, "USD"), FeeKind.REGISTRATION),
            InvoiceLine.asWritten("Processing fee, IMHS", Money.of(30_000, "USD"), FeeKind.PROCESSING));
    private static final LocalDate DUE = LocalDate.of(2026, 12, 22);
    private static final Set<FeeKind> PROCESSING_KEPT = Set.of(FeeKind.PROCESSING);

    private static final PricedBy PRICED_BY = new PricedBy(LocalDate.of(2024, 1, 1), 3);
    private final InvoiceIssued issued = new InvoiceIssued("INV-1", "ma", "person-1", "app-1", LINES,
            Money.of(32_500, "USD"), DUE, null, null, PRICED_BY);
    private final PaymentRecorded paidInFull = new PaymentRecorded("INV-1", "ma", "pay-1", Money.of(32_500, "USD"),
            PaymentMethod.CHECK, "check 1001");
    private final InvoiceSettled settled = new InvoiceSettled("INV-1", "ma", "person-1", "app-1",
            Money.of(32_500, "USD"));

    private AggregateTestFixture<Invoice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Invoice.class);
    }

    private static Matcher<DomainRuleViolation> breaking(String rule) {
        return new FeatureMatcher<>(Matchers.equalTo(rule), "a violation of", "rule") {
            @Override
            protected String featureValueOf(DomainRuleViolation actual) {
                return actual.rule();
            }
        };
    }

    // Issuing

    @Test
    void anInvoiceTotalsItsLinesInCentsAndKeepsTheVersionThatPricedIt() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("INV-1", "person-1", "app-1", LINES, DUE, null, null, PRICED_BY), IN_MA)
                .expectEvents(issued);
    }

    @Test
    void anInvoiceNeedsLinesInOneCurrencyNoneBelowZero() {
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("INV-1", "person-1", null, List.of(), DUE, null, null, null), IN_MA)
                .expectException(breaking("invoice-needs-lines"));
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("INV-1", "person-1", null, List.of(LINES.get(0),
                        InvoiceLine.asWritten("Dues", Money.of(100, "CAD"), FeeKind.OTHER)), DUE, null, null, null), IN_MA)
                .expectException(breaking("invoice-currency"));
        fixture.givenNoPriorActivity()
                .when(new IssueInvoice("INV-1", "person-1", null, List.of(LINES.get(0),
                        InvoiceLine.asWritten("Credit", Money.of(-100, "USD"), FeeKind.OTHER)), DUE, null, null, null), IN_MA)
                .expectException(breaking("line-amount"));
    }

    // Payments

    @Test
    void partialPaymentsSettleTheInvoiceWhenTheyCoverIt() {
        PaymentRecorded first = new PaymentRecorded("INV-1", "ma", "pay-1", Money.of(12_500, "USD"),
                PaymentMethod.CHECK, "check 1001");
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(12_500, "USD"), PaymentMethod.CHECK,
                        "check 1001"), IN_MA)
                .expectEvents(first);
        fixture.given(issued, first)
                .when(new RecordPayment("INV-1", "pay-2", Money.of(20_000, "USD"), PaymentMethod.BANK_TRANSFER,
                        "tr-1"), IN_MA)
                .expectEvents(
                        new PaymentRecorded("INV-1", "ma", "pay-2", Money.of(20_000, "USD"),
                                PaymentMethod.BANK_TRANSFER, "tr-1"),
                        settled);
    }

    @Test
    void theSamePaymentRecordedTwiceIsRecordedOnce() {
        fixture.given(issued, paidInFull, settled)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(32_500, "USD"), PaymentMethod.CHECK,
                        "check 1001"), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noPaymentExceedsWhatIsOwedOrComesInAnotherCurrency() {
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(32_501, "USD"), PaymentMethod.CARD, null), IN_MA)
                .expectException(breaking("overpayment"))
                .expectNoEvents();
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(100, "CAD"), PaymentMethod.CARD, null), IN_MA)
                .expectException(breaking("payment-currency"))
                .expectNoEvents();
        fixture.given(issued, paidInFull, settled)
                .when(new RecordPayment("INV-1", "pay-2", Money.of(1, "USD"), PaymentMethod.CARD, null), IN_MA)
                .expectException(breaking("invoice-already-paid"));
    }

    @Test
    void anotherAssociationCannotRecordAPayment() {
        fixture.given(issued)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(100, "USD"), PaymentMethod.CARD, null),
                        AuditMetadata.of("wa", "coordinator-wa", "COORDINATOR"))
                .expectException(UnknownResource.class);
    }

    // Waivers and scholarships

    @Test
    void aScholarshipCoveringTheRestSettlesTheInvoice() {
        PaymentRecorded part = new PaymentRecorded("INV-1", "ma", "pay-1", Money.of(2_500, "USD"),
                PaymentMethod.CHECK, "check 7");
        fixture.given(issued, part)
                .when(new WaiveFees("INV-1", "w-1", Money.of(30_000, "USD"), WaiverKind.SCHOLARSHIP,
                        "Board scholarship 2026"), IN_MA)
                .expectEvents(new FeesWaived("INV-1", "ma", "w-1", Money.of(30_000, "USD"), WaiverKind.SCHOLARSHIP,
                        "Board scholarship 2026"), settled);
    }

    @Test
    void aWaiverNeedsAReasonStaysWithinWhatIsOwedAndIsRecordedOnce() {
        fixture.given(issued)
                .when(new WaiveFees("INV-1", "w-1", Money.of(100, "USD"), WaiverKind.WAIVER, " "), IN_MA)
                .expectException(breaking("waiver-needs-reason"));
        fixture.given(issued)
                .when(new WaiveFees("INV-1", "w-1", Money.of(32_501, "USD"), WaiverKind.WAIVER, "hardship"), IN_MA)
                .expectException(breaking("overpayment"));
        fixture.given(issued, new FeesWaived("INV-1", "ma", "w-1", Money.of(100, "USD"), WaiverKind.WAIVER,
                        "hardship"))
                .when(new WaiveFees("INV-1", "w-1", Money.of(100, "USD"), WaiverKind.WAIVER, "hardship"), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSettledMembershipInvoiceMakesThePersonAMemberThroughItsDate() {
        LocalDate through = LocalDate.of(2027, 12, 31);
        InvoiceIssued dues = new InvoiceIssued("INV-2", "wa", "person-9", null,
                List.of(InvoiceLine.asWritten("Membership dues", Money.of(5_000, "USD"), FeeKind.MEMBERSHIP_DUES)),
                Money.of(5_000, "USD"), DUE, through, LocalDate.of(2027, 1, 10), null);
        fixture.given(dues)
                .when(new RecordPayment("INV-2", "pay-1", Money.of(5_000, "USD"), PaymentMethod.CHECK, null),
                        AuditMetadata.of("wa", "coordinator-wa", "COORDINATOR"))
                .expectEvents(
                        new PaymentRecorded("INV-2", "wa", "pay-1", Money.of(5_000, "USD"), PaymentMethod.CHECK, null),
                        new InvoiceSettled("INV-2", "wa", "person-9", null, Money.of(5_000, "USD")),
                        new MembershipPaid("INV-2", "wa", "person-9", through, LocalDate.of(2027, 1, 10)));
    }

    // Voiding

    @Test
    void anUnpaidInvoiceIsVoidedOnceWithItsReasonAndTakesNoMoreMoney() {
        InvoiceVoided voided = new InvoiceVoided("INV-1", "ma", "person-1", "app-1", "Issued twice");
        fixture.given(issued)
                .when(new VoidInvoice("INV-1", "Issued twice"), IN_MA)
                .expectEvents(voided);
        fixture.given(issued, voided)
                .when(new VoidInvoice("INV-1", "Issued twice"), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(issued, voided)
                .when(new RecordPayment("INV-1", "pay-1", Money.of(100, "USD"), PaymentMethod.CHECK, null), IN_MA)
                .expectException(breaking("invoice-void"));
        fixture.given(issued)
                .when(new VoidInvoice("INV-1", ""), IN_MA)
                .expectException(breaking("void-needs-reason"));
    }

    @Test
    void anInvoiceWithPaymentsIsNotVoidedUntilTheyAreRefunded() {
        PaymentRecorded part = new PaymentRecorded("INV-1", "ma", "pay-1", Money.of(2_500, "USD"),
                PaymentMethod.CHECK, null);
        fixture.given(issued, part)
                .when(new VoidInvoice("INV-1", "Withdrawn"), IN_MA)
                .expectException(breaking("void-after-payment"));
        fixture.given(issued, part, new PaymentRefunded("INV-1", "ma", "r-1", "person-1", "app-1",
                        Money.of(2_500, "USD"), RefundReason.WITHDRAWN, null))
                .when(new VoidInvoice("INV-1", "Withdrawn"), IN_MA)
                .expectEvents(new InvoiceVoided("INV-1", "ma", "person-1", "app-1", "Withdrawn"));
    }

    // Refunds

    @Test
    void theProcessingFeeOfAWronglyChosenCategoryIsNotRefunded() {
        fixture.given(issued, paidInFull, settled)
                .when(new RefundPayment("INV-1", "r-1", Money.of(32_500, "USD"), RefundReason.WRONG_CATEGORY,
                        null, PROCESSING_KEPT), IN_MA)
                .expectException(breaking("fee-not-refundable"))
                .expectNoEvents();
        fixture.given(issued, paidInFull, settled)
                .when(new RefundPayment("INV-1", "r-1", Money.of(2_501, "USD"), RefundReason.WRONG_CATEGORY,
                        null, PROCESSING_KEPT), IN_MA)
                .expectException(breaking("fee-not-refundable"));
        fixture.given(issued, paidInFull, settled)
                .when(new RefundPayment("INV-1", "r-1", Money.of(2_500, "USD"), RefundReason.WRONG_CATEGORY,
                        "Applied as IMHS, is IFS", PROCESSING_KEPT), IN_MA)
                .expectEvents(new PaymentRefunded("INV-1", "ma", "r-1", "person-1", "app-1",
                        Money.of(2_500, "USD"), RefundReason.WRONG_CATEGORY, "Applied as IMHS, is IFS"));
    }

    @Test
    void aWithdrawnApplicationIsRefundedInFullButNeverMoreThanWasReceivedAndOnlyOnce() {
        PaymentRefunded refunded = new PaymentRefunded("INV-1", "ma", "r-1", "person-1", "app-1",
                Money.of(32_500, "USD"), RefundReason.WITHDRAWN, null);
        fixture.given(issued, paidInFull, settled)
                .when(new RefundPayment("INV-1", "r-1", Money.of(32_500, "USD"), RefundReason.WITHDRAWN, null,
                        Set.of()), IN_MA)
                .expectEvents(refunded);
        fixture.given(issued, paidInFull, settled, refunded)
                .when(new RefundPayment("INV-1", "r-1", Money.of(32_500, "USD"), RefundReason.WITHDRAWN, null,
                        Set.of()), IN_MA)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(issued, paidInFull, settled, refunded)
                .when(new RefundPayment("INV-1", "r-2", Money.of(1, "USD"), RefundReason.WITHDRAWN, null,
                        Set.of()), IN_MA)
                .expectException(breaking("refund-exceeds-payments"));
    }

    @Test
    void waivedFeesAreNotMoneyToRefund() {
        fixture.given(issued, new FeesWaived("INV-1", "ma", "w-1", Money.of(32_500, "USD"), WaiverKind.WAIVER,
                        "hardship"), settled)
                .when(new RefundPayment("INV-1", "r-1", Money.of(100, "USD"), RefundReason.WITHDRAWN, null,
                        Set.of()), IN_MA)
                .expectException(breaking("refund-exceeds-payments"));
    }
}
