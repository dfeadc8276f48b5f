package org.iecmh.endorsement.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** registry-service on the real PostgreSQL server and Kafka broker; the public sees only registry fields. */
@SpringBootTest(classes = RegistryServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + RegistryServiceApplication.NAME)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    IntegrationEventPublisher publisher;

    ApiClient publicVisitor;

    @BeforeAll
    void grantSomeEndorsements() {
        publicVisitor = ApiClient.onPort(port);
        grant("ma", "MA-000001", "Zoë Example", "IMHS");
        grant("wa", "WA-000001", "Zoe Washington", "IFS");
        grant("wa", "WA-000002", "Kim Lee", "IMHM-C");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> publicVisitor.get("/api/registry/endorsees?name=lee").body().size() == 1);
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = publicVisitor.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }

    @Test
    void anyoneFindsAnEndorseeByPartOfTheNameWithoutAccentsOrCase() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> publicVisitor.get("/api/registry/endorsees?name=zoe").body().size() == 2);

        Response found = publicVisitor.get("/api/registry/endorsees?name=ZOE");

        assertThat(found.body().findValuesAsText("name")).containsExactly("Zoë Example", "Zoe Washington");
        JsonNode zoe = found.body().get(0);
        List<String> fields = new ArrayList<>();
        zoe.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("name", "category", "state", "endorsementNumber",
                "endorsedSince", "validThrough");
        assertThat(zoe.get("state").asText()).isEqualTo("MA");
        assertThat(zoe.get("category").asText()).isEqualTo("IMHS");
        assertThat(zoe.get("endorsementNumber").asText()).isEqualTo("MA-000001");
        assertThat(zoe.get("validThrough").asText()).isEqualTo("2027-12-31");
    }

    @Test
    void aSearchNarrowsToOneState() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> publicVisitor.get("/api/registry/endorsees?name=zoe").body().size() == 2);

        Response inWashington = publicVisitor.get("/api/registry/endorsees?name=zoe&state=wa");

        assertThat(inWashington.body().findValuesAsText("endorsementNumber")).containsExactly("WA-000001");
    }

    @Test
    void noOneListsEveryoneInOneRequest() {
        Response oneLetter = publicVisitor.get("/api/registry/endorsees?name=z");
        Response noName = publicVisitor.get("/api/registry/endorsees");

        assertThat(oneLetter.status()).isEqualTo(400);
        assertThat(oneLetter.contentType()).startsWith("application/problem+json");
        assertThat(oneLetter.at("/errors/0/field")).isEqualTo("name");
        assertThat(oneLetter.at("/errors/0/rule")).isEqualTo("Size");
        assertThat(noName.status()).isEqualTo(400);
    }

    private void grant(String tenant, String number, String name, String category) {
        EventMessage<EndorsementGranted> granted = new GenericEventMessage<>(new EndorsementGranted(tenant, number,
                "app-" + number, "person-" + number, name, category, Instant.parse("2026-11-22T10:00:00Z"),
                LocalDate.of(2027, 12, 31)), Map.of(AuditMetadata.TENANT, tenant));
        publisher.publish(granted.getPayload(), granted);
    }
}
