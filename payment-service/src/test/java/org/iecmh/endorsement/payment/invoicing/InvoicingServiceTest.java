package org.iecmh.endorsement.payment.invoicing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.InvoiceIssued;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.InvoiceRefunded;
import org.iecmh.endorsement.contracts.InvoiceVoided;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.payment.invoicing.Invoice;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An invoice issued, paid, voided, waived and refunded by the coordinator, on the real PostgreSQL server and Kafka broker. */
class InvoicingServiceTest extends PaymentServiceTestBase {

    @Test
    void anAssociationPublishedAtRuntimeIsInvoicedAtItsPricesAndAChangedVersionPricesTheNextInvoice() {
        Association ny = PublishedAssociations.copy(PublishedAssociations.seeded("ma"), "ny",
                "New York test association", "America/New_York");
        PublishedAssociations.publish(environment, ny);
        String first = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ny", first, "person-ny-1", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        assertThat(awaitInvoices(first, coordinator("ny")).at("/0/total/cents")).isEqualTo("32500");

        FeeSchedule current = ny.fees().get(0);
        PublishedAssociations.publish(environment, ny.withFees(List.of(current, new FeeSchedule(
                LocalDate.parse("2026-11-01"), "USD", 20, current.registration(), levels(2500, 10000, 33000, 40000),
                null, null, null, null, current.nonRefundable()))));
        String second = UUID.randomUUID().toString();
        submitted = submitted("ny", second, "person-ny-2", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);

        Response invoice = awaitInvoices(second, coordinator("ny"));
        assertThat(invoice.at("/0/total/cents")).isEqualTo("35500");
        assertThat(invoice.at("/0/dueOn")).isEqualTo("2026-12-12");
        Response history = ApiClient.onPort(port).as("ny", "auditor-ny", "AUDITOR")
                .get("/api/audit/invoices/INV-" + second + "/events");
        assertThat(history.at("/events/0/payload/pricedBy/feesEffectiveFrom")).isEqualTo("2026-11-01");
        assertThat(Long.parseLong(history.at("/events/0/payload/pricedBy/associationSequence"))).isPositive();
    }

    @Test
    void anInvoiceForAnUnknownAssociationIsRefusedAsAnUnknownAssociation() {
        Response refused = ApiClient.onPort(port).as("zz", "coordinator-zz", "COORDINATOR")
                .post("/api/payments/invoices", Map.of("personId", "person-zz", "lines", List.of(Map.of(
                        "description", "Dues", "amountCents", 100, "fee", "OTHER"))), Map.of("Idempotency-Key", "zz-1"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(404);
        assertThat(refused.text()).contains("association");
    }

    @Test
    void anInvoiceKeepsThePricesInForceWhenItWasIssuedAndANewVersionPricesTheNextOnes() {
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> first = submitted("tx", before, "person-tx-1", "IMHS");
        publisher.publish(first.getPayload(), first);
        awaitInvoices(before, coordinator("tx"));
        try {
            clock.set(Instant.parse("2027-01-04T09:00:00Z"));
            EventMessage<ApplicationSubmitted> second = submitted("tx", after, "person-tx-2", "IMHS");
            publisher.publish(second.getPayload(), second);

            Response newer = awaitInvoices(after, coordinator("tx"));
            assertThat(newer.at("/0/total/cents")).isEqualTo("29700");
            assertThat(newer.at("/0/dueOn")).isEqualTo("2027-02-03");
        } finally {
            clock.set(NOW);
        }
        assertThat(coordinator("tx").get("/api/payments/invoices/INV-" + before).at("/total/cents"))
                .isEqualTo("27000");
    }

    @Test
    void aPaymentRetriedWithTheSameKeyIsRecordedOnceAndSettlesTheInvoice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-2", "IFS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        Map<String, Object> payment = Map.of("amountCents", 12_000, "currency", "USD", "method", "CHECK",
                "reference", "check 2044");

        Response first = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "key-" + applicationId));
        Response retried = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "key-" + applicationId));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.at("/status")).isEqualTo("PAID");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.at("/paid/cents")).isEqualTo("12000");
        ConsumerRecord<byte[], byte[]> paid = awaitPublished(InvoicePaid.TYPE, applicationId);
        assertThat(KafkaTopics.key(paid)).isEqualTo("person-2");
        assertThat(new String(paid.value())).contains("\"cents\":12000");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled");
    }

    @Test
    void anOverpaymentIsRefusedWithTheRuleAndAPaymentWithoutKeyNamesTheHeader() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-3", "IFA");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");

        Response over = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 999_999, "currency", "USD", "method", "CARD"), Map.of("Idempotency-Key", "k1"));
        Response negative = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", -5, "currency", "USD", "method", "CARD"), Map.of("Idempotency-Key", "k2"));
        Response fractional = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                "{\"amountCents\": 12.5, \"currency\": \"USD\", \"method\": \"CHECK\"}",
                Map.of("Idempotency-Key", "k3"));
        Response keyless = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 100, "currency", "USD", "method", "CARD"));

        assertThat(over.status()).isEqualTo(409);
        assertThat(over.at("/rule")).isEqualTo("overpayment");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.at("/errors/0/field")).isEqualTo("amountCents");
        assertThat(fractional.status()).as(fractional.text()).isEqualTo(400);
        assertThat(keyless.status()).isEqualTo(400);
        assertThat(keyless.text()).contains("Idempotency-Key");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    @Test
    void anotherAssociationOrAnotherApplicantSeesNoInvoiceAndAnApplicantRecordsNoPayment() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-4", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient applicant = ApiClient.onPort(port).as("ma", "person-4", "APPLICANT");
        String invoiceId = awaitInvoices(applicationId, applicant).at("/0/invoiceId");
        Map<String, Object> payment = Map.of("amountCents", 100, "currency", "USD", "method", "CHECK");

        assertThat(coordinator("wa").get("/api/payments/invoices/" + invoiceId).status()).isEqualTo(404);
        assertThat(coordinator("wa").post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "wa-1")).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "person-5", "APPLICANT")
                .get("/api/payments/invoices/" + invoiceId).status()).isEqualTo(404);
        assertThat(applicant.post("/api/payments/invoices/" + invoiceId + "/payments", payment,
                Map.of("Idempotency-Key", "self-1")).status()).isEqualTo(403);
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    @Test
    void onlyStaffSeeInvoicesNotAddressedToThemAndARoleThatMayNotActIsRefusedBeforeItsInputIsRead() {
        String invoiceId = issue("ma", "person-6", 5_000);
        String invoice = "/api/payments/invoices/" + invoiceId;

        for (String role : List.of("ENDORSEE", "REFERENCE_RATER", "APPLICANT")) {
            assertThat(ApiClient.onPort(port).as("ma", "person-7", role).get(invoice).status()).as(role)
                    .isEqualTo(404);
        }
        assertThat(ApiClient.onPort(port).as("ma", "person-6", "ENDORSEE").get(invoice).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("ma", "admin-1", "TENANT_ADMIN").get(invoice).status()).isEqualTo(200);
        // An auditor reads but never pays; without the role, an invalid body or a missing key is not even read.
        Response checkout = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .post(invoice + "/card-checkouts", null, Map.of("Idempotency-Key", "audit-1"));
        Response payment = ApiClient.onPort(port).as("ma", "person-6", "APPLICANT")
                .post(invoice + "/payments", Map.of("amountCents", -1));
        Response issued = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR")
                .post("/api/payments/invoices", Map.of(), Map.of("Idempotency-Key", "audit-2"));
        assertThat(checkout.status()).as(checkout.text()).isEqualTo(403);
        assertThat(payment.status()).as(payment.text()).isEqualTo(403);
        assertThat(payment.at("/detail")).isEqualTo("Only coordinators record payments");
        assertThat(issued.status()).as(issued.text()).isEqualTo(403);
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued");
    }

    @Test
    void aCoordinatorIssuesAnInvoiceFromTheScheduleOnceHoweverOftenTheRequestIsSent() {
        ApiClient coordinator = coordinator("wa");
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("personId", "person-wa-1", "lines", List.of(
                Map.of("fee", "REINSTATEMENT"),
                Map.of("description", "Certificate reprint", "amountCents", 1_250)));

        Response issued = coordinator.post("/api/payments/invoices", request, Map.of("Idempotency-Key", key));
        Response again = coordinator.post("/api/payments/invoices", request, Map.of("Idempotency-Key", key));

        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        assertThat(issued.at("/total/cents")).isEqualTo("11250");
        assertThat(issued.body().get("lines").findValuesAsText("kind")).containsExactly("REINSTATEMENT", "OTHER");
        assertThat(issued.body().get("lines").findValuesAsText("code"))
                .containsExactly("fee-reinstatement", "fee-as-written");
        assertThat(issued.at("/lines/1/phrase/values/description")).isEqualTo("Certificate reprint");
        assertThat(issued.at("/dueOn")).isEqualTo("2026-12-22");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.at("/invoiceId")).isEqualTo(issued.at("/invoiceId"));
        assertThat(eventsOf(issued.at("/invoiceId"))).containsExactly("InvoiceIssued");
        ConsumerRecord<byte[], byte[]> published = awaitPublished(InvoiceIssued.TYPE, issued.at("/invoiceId"));
        assertThat(KafkaTopics.key(published)).isEqualTo("person-wa-1");
        assertThat(KafkaTopics.header(published, "ce_tenantid")).isEqualTo("wa");
    }

    @Test
    void anInvoiceNeedsPricedLinesAFeeTheAssociationChargesAndACoordinator() {
        Response unpriced = coordinator("ma").post("/api/payments/invoices",
                Map.of("personId", "p", "lines", List.of(Map.of("description", "Something"))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        Response uncharged = coordinator("ma").post("/api/payments/invoices",
                Map.of("personId", "p", "lines", List.of(Map.of("fee", "REINSTATEMENT"))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        Response byApplicant = ApiClient.onPort(port).as("ma", "p", "APPLICANT").post("/api/payments/invoices",
                Map.of("personId", "p", "lines", List.of(Map.of("description", "Gift", "amountCents", 1))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(unpriced.status()).isEqualTo(400);
        assertThat(unpriced.at("/errors/0/field")).isEqualTo("lines[0].priced");
        assertThat(uncharged.status()).isEqualTo(409);
        assertThat(uncharged.at("/rule")).isEqualTo("fee-not-in-schedule");
        assertThat(byApplicant.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoice_view WHERE person_id = 'p'", Integer.class))
                .isZero();
    }

    @Test
    void aVoidedInvoiceIsPublishedWithItsReasonAndTakesNoPayment() {
        String invoiceId = issue("ma", "person-6", 5_000);
        ApiClient coordinator = coordinator("ma");

        Response blank = coordinator.post("/api/payments/invoices/" + invoiceId + "/voiding", Map.of("reason", " "));
        Response voided = coordinator.post("/api/payments/invoices/" + invoiceId + "/voiding",
                Map.of("reason", "Issued to the wrong person"));
        Response payment = coordinator.post("/api/payments/invoices/" + invoiceId + "/payments",
                Map.of("amountCents", 5_000, "currency", "USD", "method", "CHECK"), Map.of("Idempotency-Key", "v-1"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.at("/errors/0/field")).isEqualTo("reason");
        assertThat(voided.status()).as(voided.text()).isEqualTo(200);
        assertThat(voided.at("/status")).isEqualTo("VOID");
        assertThat(voided.at("/voidReason")).isEqualTo("Issued to the wrong person");
        assertThat(voided.at("/outstanding/cents")).isEqualTo("0");
        assertThat(payment.status()).isEqualTo(409);
        assertThat(payment.at("/rule")).isEqualTo("invoice-void");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "InvoiceVoided");
        assertThat(new String(awaitPublished(InvoiceVoided.TYPE, invoiceId).value()))
                .contains("\"reason\":\"Issued to the wrong person\"");
    }

    @Test
    void aWaiverAndAScholarshipWithTheirReasonsSettleAnInvoiceWithoutMoney() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-7", "IFA");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        String waivers = "/api/payments/invoices/" + invoiceId + "/waivers";

        Response reasonless = coordinator.post(waivers, Map.of("amountCents", 1_000, "currency", "USD",
                "kind", "WAIVER"), Map.of("Idempotency-Key", "w-0"));
        Response waived = coordinator.post(waivers, Map.of("amountCents", 1_000, "currency", "USD",
                "kind", "WAIVER", "reason", "Registration waived for board members"), Map.of("Idempotency-Key", "w-1"));
        Response scholarship = coordinator.post(waivers, Map.of("amountCents", 3_000, "currency", "USD",
                "kind", "SCHOLARSHIP", "reason", "Diversity scholarship 2026"), Map.of("Idempotency-Key", "w-2"));

        assertThat(reasonless.status()).isEqualTo(400);
        assertThat(reasonless.at("/errors/0/field")).isEqualTo("reason");
        assertThat(waived.at("/outstanding/cents")).isEqualTo("3000");
        assertThat(scholarship.status()).as(scholarship.text()).isEqualTo(200);
        assertThat(scholarship.at("/status")).isEqualTo("PAID");
        assertThat(scholarship.at("/waived/cents")).isEqualTo("4000");
        assertThat(scholarship.at("/paid/cents")).isEqualTo("0");
        awaitPublished(InvoicePaid.TYPE, applicationId);
    }

    @Test
    void anInvoiceKeptAsASnapshotComesBackAsEveryEventMakesIt(
            @Autowired EventStore eventStore, @Autowired @Qualifier("snapshotSerializer") Serializer snapshots) {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-snapshot", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        String payments = "/api/payments/invoices/" + invoiceId + "/payments";
        assertThat(coordinator.post(payments, Map.of("amountCents", 10_000, "currency", "USD", "method", "CHECK",
                "reference", "check 77"), Map.of("Idempotency-Key", "snapshot-1")).status()).isEqualTo(200);
        assertThat(coordinator.post("/api/payments/invoices/" + invoiceId + "/waivers", Map.of("amountCents", 1_000,
                "currency", "USD", "kind", "SCHOLARSHIP", "reason", "Scholarship 2026"),
                Map.of("Idempotency-Key", "snapshot-2")).status()).isEqualTo(200);

        Invoice replayed = AggregateReplay.fromEveryEvent(eventStore, Invoice.class, invoiceId);
        Invoice restored = AggregateReplay.throughSnapshot(snapshots, replayed);

        assertThat(restored).usingRecursiveComparison().isEqualTo(replayed);
        assertThat(replayed).hasFieldOrPropertyWithValue("paidCents", 10_000L).hasFieldOrPropertyWithValue("waivedCents", 1_000L);
    }

    @Test
    void theProcessingFeeOfAWronglyChosenCategoryIsKeptAndTheRestRefundedOnce() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-8", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("ma");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        coordinator.post("/api/payments/invoices/" + invoiceId + "/payments", Map.of("amountCents", 32_500,
                "currency", "USD", "method", "CHECK", "reference", "check 3001"), Map.of("Idempotency-Key", "p-1"));
        String refunds = "/api/payments/invoices/" + invoiceId + "/refunds";

        Response everything = coordinator.post(refunds, Map.of("amountCents", 32_500, "currency", "USD",
                "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "r-1"));
        Response registration = coordinator.post(refunds, Map.of("amountCents", 2_500, "currency", "USD",
                "reason", "WRONG_CATEGORY", "note", "Applied as IMHS, qualifies as IFS"),
                Map.of("Idempotency-Key", "r-2"));
        Response retried = coordinator.post(refunds, Map.of("amountCents", 2_500, "currency", "USD",
                "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "r-2"));

        assertThat(everything.status()).isEqualTo(409);
        assertThat(everything.at("/rule")).isEqualTo("fee-not-refundable");
        assertThat(registration.status()).as(registration.text()).isEqualTo(200);
        assertThat(registration.at("/status")).isEqualTo("REFUNDED");
        assertThat(retried.at("/refunded/cents")).isEqualTo("2500");
        assertThat(eventsOf(invoiceId)).containsExactly("InvoiceIssued", "PaymentRecorded", "InvoiceSettled",
                "PaymentRefunded");
        ConsumerRecord<byte[], byte[]> refunded = awaitPublished(InvoiceRefunded.TYPE, applicationId);
        assertThat(KafkaTopics.key(refunded)).isEqualTo("person-8");
        assertThat(new String(refunded.value())).contains("\"reason\":\"WRONG_CATEGORY\"").contains("\"cents\":2500");
    }

    @Test
    void aRefundFollowsTheRulesInForceWhenTheInvoiceWasIssuedNotTheLaterOnes() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("tx", applicationId, "person-tx-3", "IMHS");
        publisher.publish(submitted.getPayload(), submitted);
        ApiClient coordinator = coordinator("tx");
        String invoiceId = awaitInvoices(applicationId, coordinator).at("/0/invoiceId");
        pay(coordinator, invoiceId, 27_000);
        String refunds = "/api/payments/invoices/" + invoiceId + "/refunds";
        try {
            clock.set(Instant.parse("2027-01-04T09:00:00Z"));

            Response everything = coordinator.post(refunds, Map.of("amountCents", 27_000, "currency", "USD",
                    "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "tx-r-1"));
            Response registration = coordinator.post(refunds, Map.of("amountCents", 2_000, "currency", "USD",
                    "reason", "WRONG_CATEGORY"), Map.of("Idempotency-Key", "tx-r-2"));

            assertThat(everything.status()).isEqualTo(409);
            assertThat(everything.at("/rule")).isEqualTo("fee-not-refundable");
            assertThat(registration.status()).as(registration.text()).isEqualTo(200);
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void anInvoiceIssuedInTheEveningIsIssuedAndDueByTheAssociationsDayNotUtcs() {
        try {
            // 10 pm on February 28 in Boston is March 1 in UTC.
            clock.set(Instant.parse("2027-03-01T03:00:00Z"));
            String invoice = issue("ma", "evening-1", 1_000);
            Response issued = coordinator("ma").get("/api/payments/invoices/" + invoice);
            assertThat(issued.at("/issuedOn")).isEqualTo("2027-02-28");
            assertThat(issued.at("/dueOn")).isEqualTo("2027-03-30");
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void aDueDateBefore1900OrYearsAheadIsRefusedNamingTheFieldAndIssuesNothing() {
        ApiClient coordinator = coordinator("ma");
        for (String dueOn : List.of("1899-12-31", "2099-01-01", "20260-01-01")) {
            Response refused = coordinator.post("/api/payments/invoices", Map.of("personId", "typo-1",
                            "lines", List.of(Map.of("description", "Fees", "amountCents", 1_000)), "dueOn", dueOn),
                    Map.of("Idempotency-Key", "typo-" + dueOn));
            assertThat(refused.status()).as(dueOn).isEqualTo(400);
            assertThat(refused.text()).contains("dueOn");
        }
        Response membership = coordinator.post("/api/payments/invoices", Map.of("personId", "typo-1",
                        "lines", List.of(Map.of("description", "Dues", "amountCents", 1_000)),
                        "membershipThrough", "1027-12-31"),
                Map.of("Idempotency-Key", "typo-membership"));
        assertThat(membership.status()).isEqualTo(400);
        assertThat(membership.at("/errors/0/field")).isEqualTo("membershipThrough");
        assertThat(membership.at("/errors/0/rule")).isEqualTo("DateRange");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM invoice_view WHERE person_id = 'typo-1'", Integer.class))
                .isZero();
    }
}
