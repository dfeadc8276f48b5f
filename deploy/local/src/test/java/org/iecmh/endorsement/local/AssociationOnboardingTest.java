package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An association moves onto the running platform: the operator creates its record through the gateway, its admin
 * sets a new fee, and within seconds one of its applicants applies, is invoiced at the new price, is granted and is
 * listed in the public registry under its state and its own issuer's name. No service restarts: each learns of the
 * association from its {@code AssociationChanged} on Kafka.
 */
@Order(10)
@ExtendWith(RunningPlatform.class)
class AssociationOnboardingTest {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(15);
    private static final String CODE = "nh";

    private static ApiClient signedIn(String user, String tenant) {
        return RunningPlatform.get().signedIn(user, tenant);
    }

    @Test
    void aNewAssociationChangesAFeeAndItsApplicantIsInvoicedAtTheNewPriceAndListedInTheRegistry() {
        RunningPlatform platform = RunningPlatform.get();
        ApiClient operator = signedIn("operator", "ma");
        ApiClient gateway = ApiClient.at(platform.platform().gatewayUrl());

        // The operator starts from Massachusetts' record: the same categories, requirements and renewal model.
        Response massachusetts = operator.get("/api/associations/ma");
        assertThat(massachusetts.status()).as(massachusetts.text()).isEqualTo(200);
        ObjectNode record = (ObjectNode) massachusetts.body().deepCopy();
        record.put("code", CODE).put("name", "New Hampshire Association for Infant Mental Health").put("state", "NH");
        ((ObjectNode) record.get("badgeIssuer")).put("name", "New Hampshire Association for Infant Mental Health")
                .putNull("signingKeyReference");
        Response created = operator.post("/api/associations", record);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(gateway.get("/api/associations").body().findValuesAsText("code")).contains(CODE);

        // Its admin sets a new price list from the association's today: IFA registration $42, processing $58.
        ApiClient admin = signedIn("admin-nh", CODE);
        LocalDate today = LocalDate.now(ZoneId.of(record.get("timeZone").asText()));
        ObjectNode fees = ((ArrayNode) record.get("fees")).get(0).deepCopy();
        fees.put("effectiveFrom", today.toString());
        ((ObjectNode) fees.get("registration")).put("1", 4_200);
        ((ObjectNode) fees.get("processing")).put("1", 5_800);
        Response preview = admin.post("/api/associations/nh/policy-previews", Map.of("fees", fees));
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.text()).contains(today.toString());
        Response changed = admin.post("/api/associations/nh/policy-versions", Map.of("fees", fees));
        assertThat(changed.status()).as(changed.text()).isEqualTo(201);
        // Another association's admin finds no such record to change.
        assertThat(signedIn("admin-ma", "ma").post("/api/associations/nh/policy-versions", Map.of("fees", fees))
                .status()).isEqualTo(404);

        // Within a few seconds an applicant living in New Hampshire applies and is invoiced at the new price.
        ApiClient applicant = signedIn("applicant-nh", CODE);
        Map<String, Object> start = Map.of("applicantName", "Noor Ḥaddād-Ölmez", "category", "IFA",
                "contactEmail", "noor@example.org", "stateOfResidence", "NH");
        // Every service has the new price list within a few seconds of the change, from the topic, with no restart.
        for (String service : Platform.serviceNames()) {
            Associations view = platform.platform().service(service).getBeanProvider(Associations.class)
                    .getIfAvailable();
            if (view != null) {
                await(service + " knows the new prices").atMost(FEW_SECONDS).until(() -> view.find(CODE)
                        .map(known -> known.fees().stream().anyMatch(version -> today.equals(version.effectiveFrom())))
                        .orElse(false));
            }
        }
        RunningPlatform.Submitted submitted = platform.submittedApplication(applicant, start, Map.of(
                "education", Map.of("degree", "ASSOCIATE", "field", "Early childhood",
                        "institution", "NHTI Concord", "year", 2017),
                "trainings", Map.of("title", "Reflective practice", "provider", "NH-AIMH",
                        "attendedOn", "2022-03-01", "hours", 30, "domains", List.of("REFLECTION"))),
                List.of("ada.nh@example.org", "bo.nh@example.org", "cy.nh@example.org"));
        JsonNode invoice = applicant.get("/api/payments/invoices?applicationId=" + submitted.applicationId())
                .body().get(0);
        assertThat(invoice.at("/total/cents").asLong()).isEqualTo(4_200 + 5_800);
        // The invoice says which version of the association's prices it was priced by.
        Response issued = admin.get("/api/audit/invoices/" + submitted.invoiceId() + "/events");
        assertThat(issued.body().findValuesAsText("feesEffectiveFrom")).containsExactly(today.toString());

        // Paid, reviewed and granted in New Hampshire, then listed publicly under its state and issuer.
        ApiClient coordinator = signedIn("coordinator-nh", CODE);
        Response paid = coordinator.post("/api/payments/invoices/" + submitted.invoiceId() + "/payments",
                Map.of("amountCents", 10_000, "currency", "USD", "method", "CHECK", "reference", "check nh-1"),
                Map.of("Idempotency-Key", "check-nh-1"));
        assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        String application = "/api/applications/" + submitted.applicationId();
        await("the review").atMost(RunningPlatform.HOP)
                .until(() -> "IN_REVIEW".equals(applicant.get(application).at("/status")));
        String number = platform.grantedThroughTheApis(CODE, submitted.applicationId());
        assertThat(number).startsWith("NH-");
        JsonNode listed = gateway.get("/api/registry/endorsees?name=noor&state=NH").body();
        assertThat(listed.findValuesAsText("endorsementNumber")).containsExactly(number);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("Noor Ḥaddād-Ölmez");
        assertThat(gateway.get("/api/registry/issuers/nh").text())
                .contains("New Hampshire Association for Infant Mental Health");
    }
}
