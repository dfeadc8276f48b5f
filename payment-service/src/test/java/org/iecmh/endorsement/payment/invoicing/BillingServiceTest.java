package org.iecmh.endorsement.payment.invoicing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.InvoiceIssued;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.LateRenewalFeeCharged;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.contracts.ReinstatementRequested;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the other services report is billed: a submitted application, a reinstatement, a late renewal, membership dues. */
class BillingServiceTest extends PaymentServiceTestBase {

    @Test
    void aSubmittedApplicationIsInvoicedTheAssociationsFeesForItsLevelOnceEvenIfReportedTwice() {
        String applicationId = UUID.randomUUID().toString();
        EventMessage<ApplicationSubmitted> submitted = submitted("ma", applicationId, "person-1", "IMHS");

        publisher.publish(submitted.getPayload(), submitted);
        publisher.publish(submitted.getPayload(), submitted);

        Response invoices = awaitInvoices(applicationId, ApiClient.onPort(port).as("ma", "person-1", "APPLICANT"));
        assertThat(invoices.body()).hasSize(1);
        assertThat(invoices.at("/0/total/cents")).isEqualTo("32500");
        assertThat(invoices.at("/0/total/currency")).isEqualTo("USD");
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("description"))
                .containsExactly("Registration fee, IMHS", "Processing fee, IMHS");
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("kind"))
                .containsExactly("REGISTRATION", "PROCESSING");
        // The page words each line from its phrase; the English description stays for other clients.
        assertThat(invoices.body().get(0).get("lines").findValuesAsText("code"))
                .containsExactly("fee-registration", "fee-processing");
        assertThat(invoices.at("/0/lines/0/phrase/values/category")).isEqualTo("IMHS");
        assertThat(invoices.at("/0/lines/1/phrase/text")).isEqualTo("Processing fee, IMHS");
        assertThat(invoices.at("/0/status")).isEqualTo("OPEN");
        assertThat(invoices.at("/0/issuedOn")).isEqualTo("2026-11-22");
        assertThat(invoices.at("/0/dueOn")).isEqualTo("2026-12-22");
        assertThat(eventsOf("INV-" + applicationId)).containsExactly("InvoiceIssued");
    }

    @Test
    void aRequestedReinstatementIsBilledTheAssociationsReinstatementFeeOnTheInvoiceRenewalServiceNamed() {
        ReinstatementRequested none = new ReinstatementRequested("ma", "MA-000077", "person-77",
                "INV-REINSTATEMENT-MA-000077-1", Instant.parse("2026-11-22T10:00:00Z"));
        ReinstatementRequested requested = new ReinstatementRequested("wa", "WA-000077", "person-77",
                "INV-REINSTATEMENT-WA-000077-1", Instant.parse("2026-11-22T10:00:00Z"));
        EventMessage<ReinstatementRequested> noFee = new GenericEventMessage<>(none, Map.of(AuditMetadata.TENANT, "ma"));
        publisher.publish(none, noFee);
        publisher.publish(requested, new GenericEventMessage<>(requested, Map.of(AuditMetadata.TENANT, "wa")));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                coordinator("wa").get("/api/payments/invoices/INV-REINSTATEMENT-WA-000077-1").status() == 200);
        Response invoice = coordinator("wa").get("/api/payments/invoices/INV-REINSTATEMENT-WA-000077-1");
        assertThat(invoice.at("/total/cents")).isEqualTo("10000");
        assertThat(invoice.at("/personId")).isEqualTo("person-77");
        assertThat(invoice.body().get("lines").findValuesAsText("kind")).containsExactly("REINSTATEMENT");
        // Massachusetts charges no reinstatement fee: its request is handled and billed nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, noFee.getIdentifier()) == 1);
        assertThat(coordinator("ma").get("/api/payments/invoices/INV-REINSTATEMENT-MA-000077-1").status())
                .isEqualTo(404);
    }

    @Test
    void aLateRenewalIsBilledItsLateFeeOnceOnTheInvoiceRenewalServiceNamedAndItsPaymentIsAnnounced() {
        LateRenewalFeeCharged charged = new LateRenewalFeeCharged("wa", "WA-000088", "person-88",
                "INV-LATE-RENEWAL-WA-000088-2027", Money.of(2_500, "USD"), Instant.parse("2026-11-22T10:00:00Z"));
        EventMessage<LateRenewalFeeCharged> message = new GenericEventMessage<>(charged,
                Map.of(AuditMetadata.TENANT, "wa"));
        publisher.publish(charged, message);
        publisher.publish(charged, message);

        ApiClient coordinator = coordinator("wa");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                coordinator.get("/api/payments/invoices/INV-LATE-RENEWAL-WA-000088-2027").status() == 200);
        Response invoice = coordinator.get("/api/payments/invoices/INV-LATE-RENEWAL-WA-000088-2027");
        assertThat(invoice.at("/total/cents")).isEqualTo("2500");
        assertThat(invoice.at("/personId")).isEqualTo("person-88");
        assertThat(invoice.body().get("lines").findValuesAsText("kind")).containsExactly("LATE");
        assertThat(invoice.at("/lines/0/phrase/code")).isEqualTo("fee-late-renewal");
        assertThat(invoice.at("/lines/0/phrase/values/endorsement")).isEqualTo("WA-000088");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, message.getIdentifier()) == 1);
        assertThat(eventsOf("INV-LATE-RENEWAL-WA-000088-2027")).containsExactly("InvoiceIssued");

        pay(coordinator, "INV-LATE-RENEWAL-WA-000088-2027", 2_500);
        ConsumerRecord<byte[], byte[]> paid = awaitPublished(InvoicePaid.TYPE, "INV-LATE-RENEWAL-WA-000088-2027");
        assertThat(KafkaTopics.header(paid, "ce_tenantid")).isEqualTo("wa");
        assertThat(new String(paid.value())).contains("\"personId\":\"person-88\"");
    }

    @Test
    void aPaidMembershipInvoiceTellsTheOthersThroughWhichDayThePersonIsAMember() {
        ApiClient coordinator = coordinator("wa");
        Response issued = coordinator.post("/api/payments/invoices", Map.of("personId", "member-1",
                        "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES", "description", "Membership 2027",
                                "amountCents", 5_000)),
                        "membershipThrough", "2027-12-31"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        String invoiceId = issued.at("/invoiceId");

        pay(coordinator, invoiceId, 5_000);

        ConsumerRecord<byte[], byte[]> member = awaitPublished(MembershipActive.TYPE, invoiceId);
        assertThat(KafkaTopics.key(member)).isEqualTo("member-1");
        assertThat(new String(member.value())).contains("\"activeThrough\":\"2027-12-31\"");
    }

    @Test
    void membershipDuesRunByTheAssociationsCalendarYearRuleFromTheDayTheMembershipBegins() {
        ApiClient coordinator = coordinator("wa");
        try {
            // September 2 in Seattle is after September 1: the membership runs to December 31 of the next year.
            clock.set(Instant.parse("2027-09-02T18:00:00Z"));
            String late = membershipDues(coordinator, "member-2");
            assertThat(coordinator.get("/api/payments/invoices/" + late).at("/membershipThrough"))
                    .isEqualTo("2028-12-31");
            pay(coordinator, late, 5_000);
            String published = new String(awaitPublished(MembershipActive.TYPE, late).value());
            assertThat(published).contains("\"activeFrom\":\"2027-09-02\"")
                    .contains("\"activeThrough\":\"2028-12-31\"");
            // 4:30 pm on September 1 in Seattle is September 2 in UTC: still this year's membership.
            clock.set(Instant.parse("2027-09-01T23:30:00Z"));
            String onTime = membershipDues(coordinator, "member-3");
            assertThat(coordinator.get("/api/payments/invoices/" + onTime).at("/membershipThrough"))
                    .isEqualTo("2027-12-31");
            Response policy = coordinator.get("/api/payments/membership-policy");
            assertThat(policy.at("/requiredToApply")).isEqualTo("true");
            assertThat(policy.at("/today")).isEqualTo("2027-09-01");
            assertThat(policy.at("/boughtTodayRunsThrough")).isEqualTo("2027-12-31");
            assertThat(coordinator("ma").get("/api/payments/membership-policy").at("/requiredToApply"))
                    .isEqualTo("false");
        } finally {
            clock.set(NOW);
        }
    }
}
