package org.iecmh.endorsement.payment.audit;

import org.iecmh.endorsement.contracts.InvoiceIssued;
import org.iecmh.endorsement.contracts.InvoiceVoided;
import org.iecmh.endorsement.payment.PaymentServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An invoice's history, its past states and the read model's rebuild. */
class InvoiceAuditServiceTest extends PaymentServiceTestBase {

    @Test
    void anAuditorSeesAnInvoiceAsItWasBeforeItWasPaidAndARebuildGivesTheSameInvoices() {
        String person = "person-" + UUID.randomUUID();
        String invoiceId = issue("ma", person, 4_000);
        Response shownThen = coordinator("ma").get("/api/payments/invoices/" + invoiceId);
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
        try {
            clock.set(NOW.plus(Duration.ofDays(5)));
            pay(coordinator("ma"), invoiceId, 4_000);

            Response state = auditor.get("/api/audit/invoices/" + invoiceId + "/state?at=" + NOW.plus(Duration.ofDays(2)));
            assertThat(state.status()).as(state.text()).isEqualTo(200);
            assertThat(state.body().get("view")).isEqualTo(shownThen.body());
            assertThat(state.at("/view/status")).isEqualTo("OPEN");
            Response history = auditor.get("/api/audit/invoices/" + invoiceId + "/events");
            assertThat(history.body().findValuesAsText("type")).startsWith("InvoiceIssued");
            // The audit page's type filter: every type an invoice stores, those it applies without a handler too.
            List<String> types = new ArrayList<>();
            auditor.get("/api/audit/invoices/event-types").body().forEach(type -> types.add(type.asText()));
            assertThat(types).containsAll(history.body().findValuesAsText("type"))
                    .contains("InvoiceSettled", "MembershipPaid", "PaymentRefunded", "InvoiceVoided");
            assertThat(history.body().findValuesAsText("subject")).containsOnly("coordinator-ma");
            assertThat(auditor.get("/api/audit/invoices/people/" + person + "/events").body().get("events"))
                    .isEqualTo(history.body().get("events"));
            assertThat(auditor.get("/api/audit/invoices/verification").at("/intact")).isEqualTo("true");
            assertThat(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR")
                    .get("/api/audit/invoices/" + invoiceId + "/events").status()).isEqualTo(404);
        } finally {
            clock.set(NOW);
        }

        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM invoice_view ORDER BY invoice_id");
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator-1", "PLATFORM_ADMIN");
        Response started = operator.post("/api/payments/read-models/invoice-view/rebuilds", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String progress = "/api/payments/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
        assertThat(operator.get(progress).at("/status")).isEqualTo("DONE");
        assertThat(jdbc.queryForList("SELECT * FROM invoice_view ORDER BY invoice_id")).isEqualTo(before);
    }
}
