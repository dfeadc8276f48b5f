package org.iecmh.endorsement.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.iecmh.endorsement.kit.audit.PointInTime;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.kit.sample.SampleNames;
import org.iecmh.endorsement.kit.sample.SampleViews;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The audit API of a service built from service-kit, on the real PostgreSQL server. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(AuditTest.Clocks.class)
class AuditTest {

    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    /** The views of streams no test altered with SQL: a rebuild replays the altered events as they now read. */
    static final String UNTAMPERED_NAMES = "SELECT * FROM sample_name WHERE tenant_id NOT IN ('tamper', 'cut') ORDER BY id";
    static final String UNTAMPERED_VIEWS = "SELECT * FROM sample_view WHERE tenant_id NOT IN ('tamper', 'cut') ORDER BY id";

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock clock() {
            return new MutableClock(START);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SampleViews views;
    @Autowired
    EventProcessingConfiguration processing;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyStoredEventIsChainedToThePreviousOneOfItsAggregateAndTheHeadIsKept() {
        String id = submit("ma", "person-chain", "Zoë Example");
        rename("ma", id, "Zoë Exemplar");

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT sequence_number, chain_hash FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number", id);
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat((String) row.get("chain_hash")).hasSize(64));
        assertThat(jdbc.queryForMap("SELECT sequence_number, chain_hash, tenant_id FROM event_chain_head"
                + " WHERE aggregate_identifier = ?", id))
                .containsEntry("sequence_number", 1L).containsEntry("chain_hash", rows.get(1).get("chain_hash"))
                .containsEntry("tenant_id", "ma");

        Response verification = auditor("ma").get("/api/audit/samples/" + id + "/verification");
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.body().get("intact").asBoolean()).isTrue();
        assertThat(verification.body().get("eventsChecked").asInt()).isEqualTo(2);
    }

    @Test
    void aPayloadChangedWithSqlBreaksTheChainAtExactlyThatEvent() {
        String tenant = "tamper";
        String untouched = submit(tenant, "person-t1", "Ana Lima");
        String id = submit(tenant, "person-t2", "Kim Lee");
        rename(tenant, id, "Kim Leigh");
        rename(tenant, id, "Kim Lea");
        assertThat(auditor(tenant).get("/api/audit/samples/verification").body().get("intact").asBoolean()).isTrue();
        String changed = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id);

        jdbc.update("""
                UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                    'Kim Leigh', 'Kim Lying'), 'UTF8')
                WHERE aggregate_identifier = ? AND sequence_number = 1""", id);

        JsonNode stream = auditor(tenant).get("/api/audit/samples/" + id + "/verification").body();
        assertThat(stream.get("intact").asBoolean()).isFalse();
        assertThat(stream.at("/firstBrokenLink/aggregateId").asText()).isEqualTo(id);
        assertThat(stream.at("/firstBrokenLink/sequenceNumber").asLong()).isEqualTo(1);
        assertThat(stream.at("/firstBrokenLink/eventId").asText()).isEqualTo(changed);
        assertThat(stream.at("/firstBrokenLink/problem").asText()).isEqualTo("hash-mismatch");
        assertThat(stream.at("/firstBrokenLink/expected").asText())
                .isNotEqualTo(stream.at("/firstBrokenLink/found").asText());
        JsonNode whole = auditor(tenant).get("/api/audit/samples/verification").body();
        assertThat(whole.get("intact").asBoolean()).isFalse();
        assertThat(whole.at("/firstBrokenLink/eventId").asText()).isEqualTo(changed);
        assertThat(auditor(tenant).get("/api/audit/samples/" + untouched + "/verification").body()
                .get("intact").asBoolean()).isTrue();
    }

    @Test
    void deletingTheLastEventIsCaughtByTheHead() {
        String id = submit("cut", "person-cut", "Ida Cut");
        rename("cut", id, "Ida Cutter");
        String last = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id);

        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1", id);

        JsonNode verification = auditor("cut").get("/api/audit/samples/" + id + "/verification").body();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.at("/firstBrokenLink/problem").asText()).isEqualTo("head-mismatch");
        assertThat(verification.at("/firstBrokenLink/sequenceNumber").asLong()).isEqualTo(1);
        assertThat(verification.at("/firstBrokenLink/eventId").asText()).isEqualTo(last);
    }

    @Test
    void theHistoryListsEveryEventInOrderWithActorTenantCorrelationAndCausationFilteredAndPaged() {
        String person = "person-" + UUID.randomUUID();
        String first = submit("ma", person, "Lou Reed");
        clock.advance(Duration.ofHours(1));
        rename("ma", first, "Lou Read");
        clock.advance(Duration.ofHours(1));
        String second = submit("ma", person, "Lou Reed");
        clock.advance(Duration.ofHours(1));
        rename("ma", first, "Lou Reid");

        JsonNode history = auditor("ma").get("/api/audit/samples/" + first + "/events").body();
        assertThat(history.get("total").asInt()).isEqualTo(3);
        assertThat(texts(history.get("events"), "type")).containsExactly("Submitted", "Renamed", "Renamed");
        assertThat(texts(history.get("events"), "sequenceNumber")).containsExactly("0", "1", "2");
        JsonNode event = history.at("/events/1");
        assertThat(event.get("subject").asText()).isEqualTo("applicant-7");
        assertThat(event.get("role").asText()).isEqualTo("APPLICANT");
        assertThat(event.get("tenantId").asText()).isEqualTo("ma");
        assertThat(event.get("correlationId").asText()).isNotBlank();
        assertThat(event.get("causationId").asText()).isNotBlank();
        assertThat(event.at("/payload/name").asText()).isEqualTo("Lou Read");

        JsonNode renames = auditor("ma").get("/api/audit/samples/" + first + "/events?type=Renamed&size=1&page=1")
                .body();
        assertThat(renames.get("total").asInt()).isEqualTo(2);
        assertThat(texts(renames.get("events"), "sequenceNumber")).containsExactly("2");
        Instant renamedAt = Instant.parse(history.at("/events/1/time").asText());
        JsonNode window = auditor("ma").get("/api/audit/samples/" + first + "/events?from=" + renamedAt + "&to="
                + renamedAt.plus(Duration.ofMinutes(1))).body();
        assertThat(texts(window.get("events"), "sequenceNumber")).containsExactly("1");

        JsonNode personal = auditor("ma").get("/api/audit/samples/people/" + person + "/events").body();
        assertThat(texts(personal.get("events"), "aggregateId")).containsExactly(first, first, second, first);
        assertThat(auditor("wa").get("/api/audit/samples/people/" + person + "/events").status()).isEqualTo(404);
    }

    @Test
    void theStateOnADayBetweenTwoEventsIsWhatTheLiveViewShowedThen() {
        String id = submit("ma", "person-pit", "Ruth First");
        clock.advance(Duration.ofDays(10));
        rename("ma", id, "Ruth Second");
        Object shownThen = views.find(id).orElseThrow();
        clock.advance(Duration.ofDays(10));
        rename("ma", id, "Ruth Third");
        Instant between = START.plus(Duration.ofDays(15));

        Response state = auditor("ma").get("/api/audit/samples/" + id + "/state?at=" + between);
        Response bySequence = auditor("ma").get("/api/audit/samples/" + id + "/state?sequence=1");

        assertThat(state.status()).isEqualTo(200);
        assertThat(state.body().get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(json.convertValue(state.body().get("view"), Map.class))
                .isEqualTo(json.convertValue(viewJson(shownThen), Map.class));
        assertThat(bySequence.body().get("view")).isEqualTo(state.body().get("view"));
        assertThat(views.find(id).orElseThrow()).extracting("name").isEqualTo("Ruth Third");
        Response neither = auditor("ma").get("/api/audit/samples/" + id + "/state");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.at("/errors/0/rule")).isEqualTo("OneOf");
        assertThat(auditor("ma").get("/api/audit/samples/" + id + "/state?at=" + START.minusSeconds(1)).status())
                .isEqualTo(404);
    }

    @Test
    void aLongStreamsPastStateIsItsViewAfterItsEventsUpToThePointWhateverWasSentWhileReplaying() {
        String id = submit("ma", "person-long", "Long 0");
        // More events than a replay hands over at once, so that some of its writes are sent while it goes on.
        for (int i = 1; i <= 300; i++) {
            rename("ma", id, "Long " + i);
        }

        Response now = auditor("ma").get("/api/audit/samples/" + id + "/state?sequence=300");
        Response then = auditor("ma").get("/api/audit/samples/" + id + "/state?sequence=270");

        assertThat(now.status()).as(now.text()).isEqualTo(200);
        assertThat(json.convertValue(now.body().get("view"), Map.class))
                .isEqualTo(json.convertValue(viewJson(views.find(id).orElseThrow()), Map.class));
        assertThat(then.body().get("sequenceNumber").asLong()).isEqualTo(270);
        assertThat(then.body().at("/view/name").asText()).isEqualTo("Long 270");
    }

    @Test
    void pastStatesReplayIntoEmptyTwinsOfTheReadModelThatNoOneElseSeesAndThatFollowItsColumns() {
        String id = submit("ma", "person-twins", "Ada First");
        rename("ma", id, "Ada Second");
        String twin = "SELECT to_regclass('" + PointInTime.SCHEMA + ".sample_view')::oid";

        Response first = auditor("ma").get("/api/audit/samples/" + id + "/state?sequence=0");
        Long made = jdbc.queryForObject(twin, Long.class);
        Response second = auditor("ma").get("/api/audit/samples/" + id + "/state?sequence=1");

        assertThat(first.body().at("/view/name").asText()).isEqualTo("Ada First");
        assertThat(second.body().at("/view/name").asText()).isEqualTo("Ada Second");
        // The twin is made once and stays empty: each replay's rows leave with its transaction ...
        assertThat(made).isNotNull();
        assertThat(jdbc.queryForObject(twin, Long.class)).isEqualTo(made);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + PointInTime.SCHEMA + ".sample_view", Long.class))
                .isZero();
        // ... the live view is untouched, and no connection is left with a table or a search path of the replay's.
        assertThat(views.find(id).orElseThrow()).extracting("name").isEqualTo("Ada Second");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SHOW search_path", String.class)).doesNotContain(PointInTime.SCHEMA);

        // A migration that adds a column to the live table: the next replay makes the twin again, with it.
        jdbc.execute("ALTER TABLE sample_view ADD COLUMN twin_check TEXT");
        try {
            Response afterMigration = auditor("ma").get("/api/audit/samples/" + id + "/state?sequence=1");
            assertThat(afterMigration.status()).isEqualTo(200);
            assertThat(jdbc.queryForObject(twin, Long.class)).isNotEqualTo(made);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.columns WHERE table_schema = ?"
                    + " AND table_name = 'sample_view' AND column_name = 'twin_check'", Long.class,
                    PointInTime.SCHEMA)).isEqualTo(1);
        } finally {
            jdbc.execute("ALTER TABLE sample_view DROP COLUMN twin_check");
        }
    }

    @Test
    void aPersonsSignedBundleVerifiesAndFailsAfterOneByteChanges() throws Exception {
        String person = "person-" + UUID.randomUUID();
        String id = submit("ma", person, "Bea Bundle");
        rename("ma", id, "Bea Bundled");
        ECKey publicKey = (ECKey) JWKSet.parse(auditor("ma").get("/api/audit/samples/signing-keys").text())
                .getKeys().get(0);

        HttpResponse<byte[]> response = download("/api/audit/samples/people/" + person + "/export");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, byte[]> bundle = unzip(response.body());
        assertThat(bundle).containsOnlyKeys("events.jsonl", "manifest.json", "manifest.jws");
        assertThat(new String(bundle.get("events.jsonl"), StandardCharsets.UTF_8).lines()).hasSize(2);

        assertThat(verifies(bundle, publicKey)).isTrue();

        byte[] events = bundle.get("events.jsonl").clone();
        events[events.length / 2] ^= 1;
        Map<String, byte[]> alteredEvents = new LinkedHashMap<>(bundle);
        alteredEvents.put("events.jsonl", events);
        assertThat(verifies(alteredEvents, publicKey)).isFalse();
        byte[] manifest = bundle.get("manifest.json").clone();
        manifest[manifest.length / 2] ^= 1;
        Map<String, byte[]> alteredManifest = new LinkedHashMap<>(bundle);
        alteredManifest.put("manifest.json", manifest);
        assertThat(verifies(alteredManifest, publicKey)).isFalse();
    }

    @Test
    void aTenantsEventsOfAPeriodStreamWithTheirCountAndPositions() throws Exception {
        clock.set(Instant.parse("2027-05-01T00:00:00Z"));
        String id = submit("exp", "person-exp", "Eve Export");
        rename("exp", id, "Eve Exported");
        submit("other", "person-exp2", "Not Exported");

        HttpResponse<byte[]> response = download("exp", "/api/audit/samples/exports?from=2027-05-01T00:00:00Z"
                + "&to=2027-05-02T00:00:00Z");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Total-Events")).hasValue("2");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(line -> line.get("position").asInt()).containsExactly(1, 2);
        assertThat(lines).extracting(line -> line.get("aggregateId").asText()).containsOnly(id);
        assertThat(lines.get(1).at("/payload/name").asText()).isEqualTo("Eve Exported");
        assertThat(lines.get(1).get("chainHash").asText()).hasSize(64);

        Response backwards = auditor("exp").get("/api/audit/samples/exports?from=2027-05-02T00:00:00Z"
                + "&to=2027-05-01T00:00:00Z");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.at("/errors/0/field")).isEqualTo("to");
        Response withoutEnd = auditor("exp").get("/api/audit/samples/exports?from=2027-05-01T00:00:00Z");
        assertThat(withoutEnd.status()).isEqualTo(400);
        assertThat(withoutEnd.at("/errors/0/field")).isEqualTo("to");
        assertThat(withoutEnd.at("/errors/0/rule")).isEqualTo("NotNull");
        Response notAnInstant = auditor("exp").get("/api/audit/samples/exports?from=yesterday&to=2027-05-01T00:00:00Z");
        assertThat(notAnInstant.status()).isEqualTo(400);
        assertThat(notAnInstant.at("/errors/0/field")).isEqualTo("from");
        assertThat(notAnInstant.at("/errors/0/rule")).isEqualTo("type");
        assertThat(auditor("exp").get("/api/audit/samples/people/nobody/export").status()).isEqualTo(404);
        assertThat(auditor("other").get("/api/audit/samples/people/person-exp/export").status()).isEqualTo(404);
    }

    @Test
    void onlyAuditorsAndAdministratorsReadTheAuditTrailAndOtherTenantsStreamsDoNotExist() {
        String id = submit("ma", "person-access", "Al Access");
        String path = "/api/audit/samples/" + id + "/events";

        assertThat(ApiClient.onPort(port).as("ma", "applicant-7", "APPLICANT").get(path).status()).isEqualTo(403);
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-1", "COORDINATOR").get(path).status())
                .isEqualTo(403);
        assertThat(ApiClient.onPort(port).as("ma", "admin-ma", "TENANT_ADMIN").get(path).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("ma", "platform", "PLATFORM_ADMIN").get(path).status()).isEqualTo(200);
        assertThat(ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN").get(path).status()).isEqualTo(404);
        assertThat(auditor("wa").get(path).status()).isEqualTo(404);
        assertThat(auditor("wa").get("/api/audit/samples/" + id + "/verification").status()).isEqualTo(404);
        assertThat(auditor("wa").get("/api/audit/samples/" + id + "/state?sequence=0").status()).isEqualTo(404);
        assertThat(auditor("ma").get("/api/audit/nothings/" + id + "/events").status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).get(path).status()).isEqualTo(401);
    }

    @Test
    void aRebuildProducesIdenticalReadModelsAndOnlyOneRunsAtATime() {
        String id = submit("ma", "person-rebuild", "Ray Build");
        rename("ma", id, "Ray Built");
        List<Map<String, Object>> before = jdbc.queryForList(UNTAMPERED_VIEWS);
        ApiClient admin = ApiClient.onPort(port).as("ma", "platform", "PLATFORM_ADMIN");

        assertThat(admin.get("/samples/read-models").body().toString()).contains("sample-view");
        Response started = admin.post("/samples/read-models/sample-view/rebuilds", null);
        assertThat(started.status()).isEqualTo(202);
        String rebuild = started.at("/id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !"RUNNING".equals(admin.get("/samples/read-models/rebuilds/" + rebuild).at("/status")));
        Response done = admin.get("/samples/read-models/rebuilds/" + rebuild);

        assertThat(done.at("/status")).isEqualTo("DONE");
        assertThat(done.body().get("processed").asLong()).isEqualTo(done.body().get("head").asLong()).isPositive();
        assertThat(jdbc.queryForList(UNTAMPERED_VIEWS)).isEqualTo(before);

        // A rebuild that another instance is running (its heartbeat fresh) holds the read model; a dead one does not.
        jdbc.update("""
                INSERT INTO read_model_rebuild (id, read_model, owner, status, processed, head, started_at, heartbeat_at)
                VALUES ('elsewhere', 'sample-view', 'another-instance', 'RUNNING', 0, 10, ?, ?)""",
                java.sql.Timestamp.from(clock.instant()), java.sql.Timestamp.from(clock.instant()));
        Response refused = admin.post("/samples/read-models/sample-view/rebuilds", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("rebuild-in-progress");
        // An operator who did not start it finds it among the running ones; the finished one is not listed.
        Response running = admin.get("/samples/read-models/rebuilds");
        assertThat(running.body().findValuesAsText("id")).containsExactly("elsewhere");
        assertThat(running.at("/0/readModel")).isEqualTo("sample-view");
        assertThat(ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR").get("/samples/read-models/rebuilds")
                .status()).isEqualTo(403);
        clock.advance(Duration.ofMinutes(6));
        assertThat(admin.get("/samples/read-models/rebuilds").body()).as("silent too long: not running").isEmpty();
        Response takenOver = admin.post("/samples/read-models/sample-view/rebuilds", null);
        assertThat(takenOver.status()).isEqualTo(202);
        assertThat(admin.get("/samples/read-models/rebuilds/elsewhere").at("/status")).isEqualTo("FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(
                admin.get("/samples/read-models/rebuilds/" + takenOver.at("/id")).at("/status")));
        assertThat(ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR")
                .post("/samples/read-models/sample-view/rebuilds", null).status()).isEqualTo(403);
    }

    @Test
    void aTrackingReadModelIsRebuiltWhileNoInstanceRunsItsProcessorWhichThenGoesOn() {
        String id = submit("ma", "person-track", "Tom Track");
        rename("ma", id, "Tom Tracked");
        await().atMost(Duration.ofSeconds(30)).until(this::namesCaughtUp);
        List<Map<String, Object>> before = jdbc.queryForList(UNTAMPERED_NAMES);
        ApiClient admin = ApiClient.onPort(port).as("ma", "platform", "PLATFORM_ADMIN");

        Response started = admin.post("/samples/read-models/sample-names/rebuilds", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String progress = "/samples/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(admin.get(progress).at("/status")));

        assertThat(admin.get(progress).at("/status")).as(admin.get(progress).text()).isEqualTo("DONE");
        assertThat(jdbc.queryForList(UNTAMPERED_NAMES)).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class,
                SampleNames.PROCESSOR)).noneSatisfy(owner -> assertThat(owner).startsWith("rebuild:"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sampleNames().isRunning());
        String later = submit("ma", "person-track", "Tess After");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT name FROM sample_name WHERE id = ?", String.class, later).equals(List.of("Tess After")));
    }

    @Test
    void aRebuiltTrackingReadModelGoesOnFromTheLastEventWithTheRecentEmptyPositionsBeforeIt() throws Exception {
        // A position left empty before the newest event, as a transaction still open leaves one: the processor must
        // still look there, as it would had it read the store itself.
        long empty = jdbc.queryForObject(
                "SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        submit("ma", "person-gap", "Gil Gap");
        await().atMost(Duration.ofSeconds(30)).until(this::namesCaughtUp);
        ApiClient admin = ApiClient.onPort(port).as("ma", "platform", "PLATFORM_ADMIN");

        Response started = admin.post("/samples/read-models/sample-names/rebuilds", null);
        String progress = "/samples/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(admin.get(progress).at("/status")));
        long newest = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        JsonNode token = json.readTree(jdbc.queryForObject(
                "SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ? AND segment = 0",
                String.class, SampleNames.PROCESSOR));

        assertThat(admin.get(progress).at("/status")).isEqualTo("DONE");
        assertThat(token.get("index").asLong()).isEqualTo(newest);
        assertThat(token.get("gaps")).extracting(JsonNode::asLong).contains(empty);
    }

    @Test
    void aTrackingReadModelIsNotRebuiltWhileAnotherInstanceHoldsItsProcessorsSegments() {
        ApiClient admin = ApiClient.onPort(port).as("ma", "platform", "PLATFORM_ADMIN");
        sampleNames().shutDown();
        String stillFresh = DateTimeUtils.formatInstant(AbstractTokenEntry.clock.instant().plusSeconds(60));
        jdbc.update("UPDATE token_entry SET owner = 'another-instance', timestamp = ? WHERE processor_name = ?",
                stillFresh, SampleNames.PROCESSOR);
        try {
            Response started = admin.post("/samples/read-models/sample-names/rebuilds", null);
            String progress = "/samples/read-models/rebuilds/" + started.at("/id");
            await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(admin.get(progress).at("/status")));

            assertThat(admin.get(progress).at("/status")).isEqualTo("FAILED");
            assertThat(admin.get(progress).at("/error")).contains("another-instance");
            assertThat(jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class,
                    SampleNames.PROCESSOR)).containsOnly("another-instance");
        } finally {
            jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ?", SampleNames.PROCESSOR);
            sampleNames().start();
        }
    }

    private EventProcessor sampleNames() {
        return processing.eventProcessor(SampleNames.PROCESSOR).orElseThrow();
    }

    private boolean namesCaughtUp() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM sample_view v LEFT JOIN sample_name n ON n.id = v.id
                WHERE n.name IS DISTINCT FROM v.name AND v.tenant_id NOT IN ('tamper', 'cut')""", Integer.class) == 0;
    }

    private boolean verifies(Map<String, byte[]> bundle, ECKey publicKey) throws Exception {
        JWSObject jws = JWSObject.parse(new String(bundle.get("manifest.jws"), StandardCharsets.US_ASCII));
        if (!jws.verify(new ECDSAVerifier(publicKey))
                || !MessageDigest.isEqual(jws.getPayload().toBytes(), bundle.get("manifest.json"))) {
            return false;
        }
        for (JsonNode file : json.readTree(bundle.get("manifest.json")).get("files")) {
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bundle.get(file.get("name").asText())));
            if (!actual.equals(file.get("sha256").asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        return download("ma", path);
    }

    private HttpResponse<byte[]> download(String tenant, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        auditor(tenant).identityHeaders().forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode viewJson(Object view) {
        // The view as the API renders it: through the service's own JSON (Jackson 3, ISO instants).
        return json.valueToTree(Map.of("id", ((SampleViews.SampleView) view).id(),
                "tenantId", ((SampleViews.SampleView) view).tenantId(),
                "personId", ((SampleViews.SampleView) view).personId(),
                "name", ((SampleViews.SampleView) view).name(),
                "updatedAt", ((SampleViews.SampleView) view).updatedAt().toString()));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.get(field).asText()));
        return texts;
    }

    private ApiClient auditor(String tenant) {
        return ApiClient.onPort(port).as(tenant, "auditor-" + tenant, "AUDITOR");
    }

    private String submit(String tenant, String person, String name) {
        Response response = ApiClient.onPort(port).as(tenant, "applicant-7", "APPLICANT")
                .post("/samples", Map.of("personId", person, "name", name, "category", "IMHS"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.at("/id");
    }

    private void rename(String tenant, String id, String name) {
        Response response = ApiClient.onPort(port).as(tenant, "applicant-7", "APPLICANT")
                .put("/samples/" + id + "/name", Map.of("name", name));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
