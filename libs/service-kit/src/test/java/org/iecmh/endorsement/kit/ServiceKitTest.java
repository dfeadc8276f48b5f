package org.iecmh.endorsement.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventRelay;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.kit.sample.SampleConsumer;
import org.iecmh.endorsement.kit.sample.SampleSubmission;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Runs a miniature service built from service-kit against the real PostgreSQL server and Kafka broker. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(ServiceKitTest.FixedClock.class)
class ServiceKitTest {

    static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    CommandGateway commands;

    private static final String SAMPLE = "{\"personId\":\"p\",\"name\":\"n\",\"category\":\"IMHS\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void axonStoresEventsTokensAndSagasInPostgresThroughJdbcAsJson(
            @Autowired EventStorageEngine storageEngine, @Autowired TokenStore tokenStore,
            @Autowired SagaStore<?> sagaStore, @Autowired Serializer serializer,
            @Autowired @Qualifier("eventSerializer") Serializer eventSerializer,
            @Autowired @Qualifier("messageSerializer") Serializer messageSerializer,
            @Autowired EventProcessingConfiguration processing) {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        assertThat(List.of(serializer, eventSerializer, messageSerializer))
                .allSatisfy(s -> assertThat(s).isInstanceOf(JacksonSerializer.class));
        assertThat(processing.eventProcessor(IntegrationEventRelay.PROCESSING_GROUP))
                .get().isInstanceOf(TrackingEventProcessor.class);
        assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                .contains(IntegrationEventRelay.PROCESSING_GROUP);
    }

    @Test
    void anEventIsStoredAsJsonWithTenantActorCorrelationAndCausation() throws Exception {
        HttpResponse<String> response = submit("ma", Map.of("personId", "person-1", "name", "Zoë Example",
                "category", "IMHS"), "request-42");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("request-42");
        String id = json.readTree(response.body()).get("id").asText();

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT payload ->> 'category' AS category, payload ->> 'name' AS name,
                       meta_data ->> 'tenantId' AS tenant, meta_data ->> 'subject' AS subject,
                       meta_data ->> 'role' AS role, meta_data ->> 'correlationId' AS correlation,
                       meta_data ->> 'causationId' AS causation, time_stamp
                FROM event_log WHERE aggregate_identifier = ?""", id);
        assertThat(row).containsEntry("category", "IMHS").containsEntry("name", "Zoë Example")
                .containsEntry("tenant", "ma").containsEntry("subject", "applicant-7")
                .containsEntry("role", "APPLICANT").containsEntry("correlation", "request-42");
        assertThat(Instant.parse((String) row.get("time_stamp"))).isEqualTo(NOW);
        assertThat((String) row.get("causation")).isNotBlank().isNotEqualTo("request-42");
    }

    @Test
    void theRelayPublishesTheMappedEventKeyedByPersonWithCloudEventsHeaders() throws Exception {
        String person = "person-" + UUID.randomUUID();
        HttpResponse<String> response = submit("wa", Map.of("personId", person, "name", "Ana Lima",
                "category", "IFS"), "request-relay");
        String applicationId = json.readTree(response.body()).get("id").asText();
        String eventId = jdbc.queryForObject(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, applicationId);

        ConsumerRecord<byte[], byte[]> record = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> person.equals(KafkaTopics.key(r)));

        assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(eventId);
        assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(ApplicationSubmitted.TYPE);
        assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo("/kit-test");
        assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaTopics.header(record, "ce_time")).isEqualTo(NOW.toString());
        assertThat(KafkaTopics.header(record, "ce_tenantid")).isEqualTo("wa");
        assertThat(KafkaTopics.header(record, "ce_correlationid")).isEqualTo("request-relay");
        assertThat(KafkaTopics.header(record, "content-type")).isEqualTo("application/json");
        // The send is traced: consumers continue the trace from the W3C header.
        assertThat(KafkaTopics.header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        JsonNode data = json.readTree(record.value());
        assertThat(data.get("applicationId").asText()).isEqualTo(applicationId);
        assertThat(data.get("category").asText()).isEqualTo("IFS");
        assertThat(data.get("submittedAt").asText()).isEqualTo(NOW.toString());
    }

    @Test
    void theKafkaRecordAnEventCausesBelongsToTheTraceOfTheRequestThatStoredIt() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String person = "person-" + UUID.randomUUID();
        HttpRequest request = sample(json.writeValueAsString(Map.of("personId", person, "name", "Ana Lima",
                "category", "IFS")))
                .header("Authorization", "Bearer " + LocalIssuer.instance().token("wa", "applicant-7", "APPLICANT"))
                .header("X-Tenant-Id", "wa")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .build();
        String applicationId = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .get("id").asText();

        String stored = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", String.class, applicationId);
        assertThat(json.readTree(stored).get("traceparent").asText()).startsWith("00-" + traceId + "-");
        ConsumerRecord<byte[], byte[]> record = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> person.equals(KafkaTopics.key(r)));
        assertThat(KafkaTopics.header(record, "traceparent")).startsWith("00-" + traceId + "-");
    }

    @Test
    void everyTopicsBindingIsMadeAtStartUpNotByTwoFirstSendsAtOnce(@Autowired BindingServiceProperties streams) {
        // StreamBridge's map of bindings is not safe for threads; a binding made at a first send could be lost.
        assertThat(streams.getBindings().keySet()).containsAll(IntegrationEventType.ALL.stream()
                .map(type -> kafkaPrefix + type.topic()).toList());
    }

    @Test
    void aConsumerTakesAtMostTheBatchSizeInOnePoll(@Autowired BindingsLifecycleController bindings) {
        // A batch is one transaction: its size bounds how long that transaction holds its locks.
        // The binding's consumer settings as the binder reports them: a map of maps.
        Map<?, ?> consumer = (Map<?, ?>) bindings.queryState("sampleEvents-in-0").get(0).getExtendedInfo()
                .get("ExtendedConsumerProperties");
        Map<?, ?> kafka = (Map<?, ?>) ((Map<?, ?>) consumer.get("extension")).get("configuration");
        assertThat(kafka.get("max.poll.records")).isEqualTo("100");
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        String person = "person-" + UUID.randomUUID();
        HttpResponse<String> response = submit("ma", Map.of("personId", person, "name", "Kim Lee",
                "category", "IFA"), "request-inbox");
        String applicationId = json.readTree(response.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount(applicationId) == 1);

        ConsumerRecord<byte[], byte[]> published = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> person.equals(KafkaTopics.key(r)));
        KafkaTopics.send(new ProducerRecord<>(published.topic(), null, published.key(), published.value(),
                published.headers()));
        // A marker sent after the duplicate: once it is handled, the duplicate (same partition, earlier) was too.
        String marker = "marker-" + UUID.randomUUID();
        HttpResponse<String> markerResponse = submit("ma", Map.of("personId", person, "name", "Kim Lee",
                "category", "IFA"), marker);
        String markerId = json.readTree(markerResponse.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount(markerId) == 1);

        assertThat(receivedCount(applicationId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE consumer = 'kit-test' AND event_id = ?",
                Integer.class, KafkaTopics.header(published, "ce_id"))).isEqualTo(1);
        // Acknowledged as a duplicate, not rejected: nothing of it was parked as a dead letter.
        assertThat(KafkaTopics.everythingOn(deadLetterTopic())).extracting(r -> KafkaTopics.header(r, "ce_id"))
                .doesNotContain(KafkaTopics.header(published, "ce_id"));
    }

    @Test
    void aMessageThatKeepsFailingIsParkedOnTheDeadLetterTopic() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(kafkaPrefix + Topics.APPLICATIONS,
                key.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_id", key.getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_type", "org.iecmh.endorsement.unknown.thing.v1".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_tenantid", "ma".getBytes(StandardCharsets.UTF_8));
        KafkaTopics.send(poison);

        ConsumerRecord<byte[], byte[]> parked = KafkaTopics.awaitFirst(deadLetterTopic(),
                r -> key.equals(KafkaTopics.key(r)));
        assertThat(KafkaTopics.header(parked, "ce_type")).isEqualTo("org.iecmh.endorsement.unknown.thing.v1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE event_id = ?", Integer.class, key))
                .isZero();
    }

    @Test
    void aDeadLetterGoesBackToItsTopicOnceItsCauseIsFixedAndIsHandledOnce() throws Exception {
        String person = "person-" + UUID.randomUUID();
        SampleConsumer.FAILING_FOR.add(person);
        String applicationId;
        try {
            HttpResponse<String> response = submit("ma", Map.of("personId", person, "name", "Noor Haddad",
                    "category", "IFA"), "request-dead-letter");
            applicationId = json.readTree(response.body()).get("id").asText();
            KafkaTopics.awaitFirst(deadLetterTopic(), r -> person.equals(KafkaTopics.key(r)));
            assertThat(receivedCount(applicationId)).isZero();
        } finally {
            SampleConsumer.FAILING_FOR.remove(person);
        }
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator", "PLATFORM_ADMIN");
        String binding = "sampleEvents-in-0";
        Response waiting = operator.get("/samples/dead-letters");
        assertThat(waiting.status()).isEqualTo(200);
        JsonNode sample = null;
        for (JsonNode each : waiting.body()) {
            if (binding.equals(each.get("binding").asText())) {
                sample = each;
            }
        }
        assertThat(sample).as("the dead letters of %s", binding).isNotNull();
        assertThat(sample.get("deadLetterTopic").asText()).isEqualTo(deadLetterTopic());
        assertThat(sample.get("waiting").asLong()).isPositive();
        assertThat(sample.get("state").asText()).isEqualTo("RUNNING");

        Response replayed = operator.post("/samples/dead-letters/" + binding + "/replays", Map.of());
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().get("replayed").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount(applicationId) == 1);

        // Replayed again (with whatever else came back meanwhile), it is not handled a second time.
        operator.post("/samples/dead-letters/" + binding + "/replays", Map.of());
        String marker = "marker-" + UUID.randomUUID();
        String markerId = json.readTree(submit("ma", Map.of("personId", person, "name", "Noor Haddad",
                "category", "IFA"), marker).body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount(markerId) == 1);
        assertThat(receivedCount(applicationId)).isEqualTo(1);

        assertThat(ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR")
                .post("/samples/dead-letters/" + binding + "/replays", Map.of()).status()).isEqualTo(403);
        assertThat(operator.post("/samples/dead-letters/noSuchBinding-in-0/replays", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void anOperatorPausesAConsumerWhichThenHoldsBackWhatArrivesAndTakesItOnceResumed() throws Exception {
        ApiClient operator = ApiClient.onPort(port).as("ma", "operator", "PLATFORM_ADMIN");
        String state = "/samples/dead-letters/sampleEvents-in-0/state";
        String person = "person-" + UUID.randomUUID();
        String applicationId;
        try {
            Response paused = operator.put(state, Map.of("state", "PAUSED"));
            assertThat(paused.status()).isEqualTo(200);
            // Paused once the poll under way ends: asked again until the binding says so.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "PAUSED".equals(operator.get(state).body().path("state").asText()));
            List<String> listed = new ArrayList<>();
            for (JsonNode binding : operator.get("/samples/dead-letters").body()) {
                listed.add(binding.get("binding").asText() + ":" + binding.get("state").asText());
            }
            assertThat(listed).contains("sampleEvents-in-0:PAUSED");

            applicationId = json.readTree(submit("ma", Map.of("personId", person, "name", "Aoife Ní Bhriain",
                    "category", "IFA"), "request-paused").body()).get("id").asText();
            KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS, r -> person.equals(KafkaTopics.key(r)));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> receivedCount(applicationId) == 0);
        } finally {
            Response resumed = operator.put(state, Map.of("state", "RUNNING"));
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.body().path("state").asText()).isEqualTo("RUNNING");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedCount(applicationId) == 1);

        Response unknownState = operator.put(state, Map.of("state", "ASLEEP"));
        assertThat(unknownState.status()).isEqualTo(400);
        assertThat(unknownState.body().at("/errors/0/field").asText()).isEqualTo("state");
        Response noState = operator.put(state, Map.of());
        assertThat(noState.status()).isEqualTo(400);
        assertThat(noState.body().at("/errors/0/field").asText()).isEqualTo("state");
        assertThat(noState.body().at("/errors/0/rule").asText()).isEqualTo("NotNull");
        assertThat(operator.get(state).body().path("state").asText()).isEqualTo("RUNNING");
        assertThat(operator.put("/samples/dead-letters/noSuchBinding-in-0/state", Map.of("state", "PAUSED"))
                .status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR")
                .put(state, Map.of("state", "PAUSED")).status()).isEqualTo(403);
        assertThat(operator.get(state).body().path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void invalidInputIsAProblemNamingFieldAndRuleAndStoresNothing() throws Exception {
        int eventsBefore = eventCount();

        HttpResponse<String> response = submit("ma", Map.of("personId", "person-2", "name", " ",
                "category", "imhs"), "request-bad");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:iecmh:problem:invalid-request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> violations = new ArrayList<>();
        problem.get("errors").forEach(e -> violations.add(e.get("field").asText() + ":" + e.get("rule").asText()));
        assertThat(violations).containsExactlyInAnyOrder("name:NotBlank", "category:Pattern");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void anUnreadableBodyIsAProblemNamingTheFieldOrTheBody() throws Exception {
        HttpResponse<String> wrongKind = post("{\"personId\": {\"nested\": true}, \"name\": \"n\", \"category\": \"IMHS\"}");
        HttpResponse<String> broken = post("{\"personId\": ");

        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongKind.body()).at("/errors/0/field").asText()).isEqualTo("personId");
        assertThat(json.readTree(wrongKind.body()).at("/errors/0/rule").asText()).isEqualTo("type");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json.readTree(broken.body()).at("/errors/0/field").asText()).isEqualTo("body");
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        String token = LocalIssuer.instance().token("ma", "applicant-7", "APPLICANT");
        return http.send(sample(body).header("Authorization", "Bearer " + token).header("X-Tenant-Id", "ma").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWithoutATokenIsRefusedAsAProblem() throws Exception {
        HttpResponse<String> response = http.send(sample(SAMPLE).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("type").asText())
                .isEqualTo("urn:iecmh:problem:unidentified-caller");
    }

    @Test
    void identityHeadersWithoutATokenNameNobody() throws Exception {
        HttpResponse<String> response = http.send(sample(SAMPLE).header("X-Tenant-Id", "ma")
                .header("X-Subject", "coordinator-1").header("X-Role", "COORDINATOR").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        LocalIssuer issuer = LocalIssuer.instance();
        Map<String, String> forged = Map.of(
                "another key", issuer.tokenSignedByAnotherKey("ma", "applicant-7", "APPLICANT"),
                "alg none", issuer.unsignedToken("ma", "applicant-7", "APPLICANT"),
                "an ID token, not an access token", issuer.idToken("ma", "applicant-7", "APPLICANT"),
                "another issuer", issuer.token("ma", "applicant-7", "APPLICANT",
                        claims -> claims.issuer("https://issuer.example.org")),
                "expired", issuer.token("ma", "applicant-7", "APPLICANT", claims -> claims
                        .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))),
                "altered payload", alterPayload(issuer.token("ma", "applicant-7", "APPLICANT")));
        int eventsBefore = eventCount();

        for (var token : forged.entrySet()) {
            HttpResponse<String> response = http.send(sample(SAMPLE).header("Authorization", "Bearer "
                    + token.getValue()).header("X-Tenant-Id", "ma").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(token.getKey())
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
        }
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aTenantTheTokenDoesNotGrantIsForbidden() throws Exception {
        String maOnly = LocalIssuer.instance().token("ma", "coordinator-1", "COORDINATOR");

        HttpResponse<String> response = http.send(sample(SAMPLE).header("Authorization", "Bearer " + maOnly)
                .header("X-Tenant-Id", "wa").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("type").asText()).isEqualTo("urn:iecmh:problem:forbidden");
    }

    @Test
    void theRoleComesFromTheTokenAndAnUngrantedRoleIsForbidden() throws Exception {
        String token = LocalIssuer.instance().token("applicant-8",
                Map.of("ma", List.of("APPLICANT"), "wa", List.of("AUDITOR", "APPLICANT")));
        String body = json.writeValueAsString(Map.of("personId", "person-8", "name", "Ida", "category", "IMHS"));

        HttpResponse<String> claimed = http.send(sample(body).header("Authorization", "Bearer " + token)
                .header("X-Tenant-Id", "ma").header("X-Role", "COORDINATOR").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chosen = http.send(sample(body).header("Authorization", "Bearer " + token)
                .header("X-Tenant-Id", "wa").header("X-Role", "APPLICANT").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(claimed.statusCode()).isEqualTo(403);
        assertThat(chosen.statusCode()).isEqualTo(201);
        String id = json.readTree(chosen.body()).get("id").asText();
        assertThat(jdbc.queryForMap("""
                SELECT meta_data ->> 'tenantId' AS tenant, meta_data ->> 'subject' AS subject,
                       meta_data ->> 'role' AS role FROM event_log WHERE aggregate_identifier = ?""", id))
                .containsEntry("tenant", "wa").containsEntry("subject", "applicant-8")
                .containsEntry("role", "APPLICANT");
    }

    @Test
    void aRoleThePlatformDoesNotKnowGrantsNothing() throws Exception {
        String token = LocalIssuer.instance().token("someone-9", Map.of("ma", List.of("SUPERUSER", "coordinator")));
        String body = json.writeValueAsString(Map.of("personId", "person-9", "name", "Ida", "category", "IMHS"));

        HttpResponse<String> unnamed = http.send(sample(body).header("Authorization", "Bearer " + token)
                .header("X-Tenant-Id", "ma").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> named = http.send(sample(body).header("Authorization", "Bearer " + token)
                .header("X-Tenant-Id", "ma").header("X-Role", "SUPERUSER").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unnamed.statusCode()).isEqualTo(403);
        assertThat(unnamed.body()).contains("grants no role in tenant ma");
        assertThat(named.statusCode()).isEqualTo(403);
    }

    @Test
    void aRoleThatMayNotCallAHandlerIsRefusedBeforeItsBodyIsRead() throws Exception {
        String invalid = json.writeValueAsString(Map.of("personId", "", "category", "lower case"));
        String valid = json.writeValueAsString(Map.of("personId", "p", "name", "n", "category", "IMHS"));

        HttpResponse<String> auditorInvalid = approve(invalid, "AUDITOR");
        HttpResponse<String> auditorValid = approve(valid, "AUDITOR");
        HttpResponse<String> coordinatorInvalid = approve(invalid, "COORDINATOR");
        HttpResponse<String> coordinatorValid = approve(valid, "COORDINATOR");

        assertThat(auditorInvalid.statusCode()).isEqualTo(403);
        assertThat(json.readTree(auditorInvalid.body()).get("detail").asText())
                .isEqualTo("Only coordinators approve samples");
        assertThat(auditorValid.statusCode()).isEqualTo(403);
        assertThat(coordinatorInvalid.statusCode()).isEqualTo(400);
        assertThat(coordinatorValid.statusCode()).isEqualTo(200);
        assertThat(json.readTree(coordinatorValid.body()).get("approvedBy").asText()).isEqualTo("staff-1");
    }

    private HttpResponse<String> approve(String body, String role) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/samples/approvals"))
                .header("Content-Type", "application/json").header("X-Tenant-Id", "ma")
                .header("Authorization", "Bearer " + LocalIssuer.instance().token("ma", "staff-1", role))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenForSeveralTenantsMustNameTheTenant() throws Exception {
        String token = LocalIssuer.instance().token("auditor-9",
                Map.of("ma", List.of("AUDITOR"), "wa", List.of("AUDITOR")));

        HttpResponse<String> response = http.send(sample(SAMPLE).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).get("header").asText()).isEqualTo("X-Tenant-Id");
    }

    @Test
    void theHealthProbeNeedsNoToken() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aCommandWithoutTenantIsNeverDispatched() {
        int eventsBefore = eventCount();

        assertThatThrownBy(() -> commands.sendAndWait(
                new SampleSubmission.Submit("no-tenant", "ma", "person-3", "Nobody", "IMHS")))
                .hasMessageContaining("tenantId");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void creatingARecordUnderAnIdThatIsTakenIsAConflictNotAnError() {
        String id = "taken-" + UUID.randomUUID();
        var submit = GenericCommandMessage.asCommandMessage(new SampleSubmission.Submit(id, "ma", "person-4", "Ida",
                "IMHS")).withMetaData(AuditMetadata.of("ma", "person-4", "APPLICANT"));
        commands.sendAndWait(submit);

        // PostgreSQL reports the duplicate as SQLState 23505: Axon must see a duplicate key, which answers 409.
        assertThatThrownBy(() -> commands.sendAndWait(submit)).isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void theReadinessProbeAnswersUp() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    private HttpResponse<String> submit(String tenant, Map<String, String> body, String requestId)
            throws IOException, InterruptedException {
        HttpRequest request = sample(json.writeValueAsString(body))
                .header("Authorization", "Bearer " + LocalIssuer.instance().token(tenant, "applicant-7", "APPLICANT"))
                .header("X-Tenant-Id", tenant)
                .header("X-Request-Id", requestId)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder sample(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/samples"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A valid token whose payload is changed after signing: its signature no longer matches. */
    private static String alterPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"APPLICANT\"", "\"COORDINATOR\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private String deadLetterTopic() {
        return "error." + kafkaPrefix + Topics.APPLICATIONS + "." + kafkaPrefix + "kit-test";
    }

    private int receivedCount(String applicationId) {
        return jdbc.queryForObject("SELECT count(*) FROM received_submission WHERE application_id = ?",
                Integer.class, applicationId);
    }

    private int eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
    }

}
