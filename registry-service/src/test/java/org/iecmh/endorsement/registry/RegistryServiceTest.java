package org.iecmh.endorsement.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.EndorsementInactivated;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.EndorsementRenewed;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.EndorsementTransferred;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.registry.search.EndorsementRecord;
import org.iecmh.endorsement.registry.search.Registry;
import org.iecmh.endorsement.testkit.Given;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * registry-service on the real PostgreSQL server and Kafka broker: the public sees only registry fields of active
 * endorsements, verifies any number, and renewal-service's changes show.
 */
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
    @Autowired
    Registry registry;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient publicVisitor;

    @Autowired
    Environment environment;

    @BeforeAll
    void grantSomeEndorsements() {
        PublishedAssociations.publish(environment, PublishedAssociations.seed());
        publicVisitor = ApiClient.onPort(port);
        grant("MA-000001", "Zoë Example", "IMHS");
        grant("WA-000001", "Zoe Washington", "IFS");
        grant("WA-000002", "Kim Lee", "IMHM-C");
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

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().findValuesAsText("name")).containsExactly("Zoë Example", "Zoe Washington");
        JsonNode zoe = found.body().get(0);
        List<String> fields = new ArrayList<>();
        zoe.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("name", "category", "state", "endorsementNumber",
                "endorsedSince", "validThrough", "addOns");
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

    @Test
    void aLapsedEndorseeDisappearsFromTheSearchAndVerifiesAsLapsed() {
        grant("MA-000101", "Lapsing Larkspur", "IFA");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("larkspur").size() == 1);

        publish(new EndorsementLapsed("ma", "MA-000101", Instant.parse("2027-01-01T05:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).until(() -> names("larkspur").isEmpty());
        Response verified = publicVisitor.get("/api/registry/endorsements/MA-000101");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.at("/status")).isEqualTo("LAPSED");
        assertThat(verified.at("/active")).isEqualTo("false");
        assertThat(verified.at("/statusSince")).isEqualTo("2027-01-01");
        assertThat(verified.at("/name")).isEqualTo("Lapsing Larkspur");
        assertThat(verified.at("/endorsedSince")).isEqualTo("2026-11-22");
    }

    @Test
    void revokedAndInactiveEndorseesDisappearAndAReactivatedOneReturnsWithItsNewDate() {
        grant("MA-000102", "Revoked Rowan", "IFS");
        grant("MA-000103", "Resting Rowan", "IFS");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("rowan").size() == 2);

        publish(new EndorsementRevoked("ma", "MA-000102", Instant.parse("2027-02-01T12:00:00Z")));
        publish(new EndorsementInactivated("ma", "MA-000103", Instant.parse("2027-02-01T12:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).until(() -> names("rowan").isEmpty());
        assertThat(status("MA-000102")).isEqualTo("REVOKED");
        assertThat(status("MA-000103")).isEqualTo("INACTIVE");

        publish(new EndorsementReactivated("ma", "MA-000103", Instant.parse("2027-03-01T12:00:00Z"),
                LocalDate.of(2028, 12, 31)));

        await().atMost(Duration.ofSeconds(30)).until(() -> names("rowan").equals(List.of("Resting Rowan")));
        Response verified = publicVisitor.get("/api/registry/endorsements/ma-000103");
        assertThat(verified.at("/status")).isEqualTo("ACTIVE");
        assertThat(verified.at("/active")).isEqualTo("true");
        assertThat(verified.at("/validThrough")).isEqualTo("2028-12-31");
        assertThat(verified.at("/statusSince")).isEqualTo("2027-03-01");
    }

    @Test
    void aRenewalExtendsValidThrough() {
        grant("WA-000104", "Renewing Reed", "ECFS");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("reed").size() == 1);

        publish(new EndorsementRenewed("wa", "WA-000104", Instant.parse("2027-11-01T12:00:00Z"),
                LocalDate.of(2030, 12, 31)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "2030-12-31".equals(publicVisitor.get("/api/registry/endorsees?name=reed")
                        .at("/0/validThrough")));
        assertThat(status("WA-000104")).isEqualTo("ACTIVE");
    }

    @Test
    void aTransferMovesTheEndorseeToTheNewState() {
        grant("MA-000105", "Moving Marigold", "IMHS");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("marigold").size() == 1);

        publish(new EndorsementTransferred("wa", "MA-000105", "ma", "wa", null,
                Instant.parse("2027-04-01T12:00:00Z"), LocalDate.of(2030, 12, 31)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> names("marigold&state=WA").equals(List.of("Moving Marigold")));
        assertThat(names("marigold&state=MA")).isEmpty();
        assertThat(publicVisitor.get("/api/registry/endorsements/MA-000105").at("/state")).isEqualTo("WA");
        // Valid through the date realigned to the receiving association's cycle, not the one it had in Massachusetts.
        assertThat(publicVisitor.get("/api/registry/endorsements/MA-000105").at("/validThrough"))
                .isEqualTo("2030-12-31");
    }

    @Test
    void aTransferUnderANewNumberPointsTheOldNumberToTheNewOne() {
        grant("MA-000106", "Numbered Nasturtium", "IMHM-C");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("nasturtium").size() == 1);

        publish(new EndorsementTransferred("wa", "MA-000106", "ma", "wa", "WA-000106",
                Instant.parse("2027-04-01T12:00:00Z"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> "TRANSFERRED".equals(status("MA-000106")));
        Response old = publicVisitor.get("/api/registry/endorsements/MA-000106");
        assertThat(old.at("/transferredTo")).isEqualTo("WA-000106");
        assertThat(old.at("/active")).isEqualTo("false");
        Response moved = publicVisitor.get("/api/registry/endorsees?name=nasturtium");
        assertThat(moved.body().findValuesAsText("endorsementNumber")).containsExactly("WA-000106");
        assertThat(moved.at("/0/state")).isEqualTo("WA");
        assertThat(moved.at("/0/endorsedSince")).isEqualTo("2026-11-22");
        assertThat(status("WA-000106")).isEqualTo("ACTIVE");

        publish(new EndorsementLapsed("ma", "MA-000106", Instant.parse("2027-06-01T12:00:00Z")));
        publish(new EndorsementRenewed("wa", "WA-000106", Instant.parse("2027-06-01T12:00:00Z"),
                LocalDate.of(2030, 12, 31)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "2030-12-31".equals(
                publicVisitor.get("/api/registry/endorsements/WA-000106").at("/validThrough")));
        assertThat(status("MA-000106")).isEqualTo("TRANSFERRED");
        assertThat(publicVisitor.get("/api/registry/endorsements/MA-000106").at("/validThrough"))
                .isEqualTo("2027-12-31");
    }

    @Test
    void aChangeThatArrivesBeforeItsGrantIsAppliedWhenTheGrantArrives() {
        publish(new EndorsementLapsed("ma", "MA-000107", Instant.parse("2027-01-01T05:00:00Z")));
        grant("MA-000107", "Early Elderberry", "IFA");

        await().atMost(Duration.ofSeconds(30)).until(() -> "LAPSED".equals(status("MA-000107")));
        assertThat(names("elderberry")).isEmpty();
    }

    @Test
    void aStaleChangeDoesNotUndoALaterOne() {
        grant("MA-000108", "Steady Sorrel", "IFA");
        publish(new EndorsementReactivated("ma", "MA-000108", Instant.parse("2027-03-01T12:00:00Z"),
                LocalDate.of(2028, 12, 31)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "2028-12-31".equals(
                publicVisitor.get("/api/registry/endorsements/MA-000108").at("/validThrough")));

        // Took effect before the reactivation, but delivered after it (a redelivery or a replay).
        publish(new EndorsementLapsed("ma", "MA-000108", Instant.parse("2027-01-01T05:00:00Z")));
        grant("MA-000109", "Marker Sorrel", "IFA");

        await().atMost(Duration.ofSeconds(30)).until(() -> names("sorrel").contains("Marker Sorrel"));
        assertThat(names("sorrel")).containsExactly("Marker Sorrel", "Steady Sorrel");
        assertThat(status("MA-000108")).isEqualTo("ACTIVE");
    }

    @Test
    void anUnknownNumberIsNotFoundAndAMalformedOneIsRefused() {
        Response unknown = publicVisitor.get("/api/registry/endorsements/MA-999999");
        Response malformed = publicVisitor.get("/api/registry/endorsements/MA%20000001");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.at("/errors/0/field")).isEqualTo("endorsementNumber");
        assertThat(malformed.at("/errors/0/rule")).isEqualTo("Pattern");
    }

    @Test
    void aSearchNarrowsToOneCategoryAndPagesInAStableOrder() {
        for (int i = 1; i <= 5; i++) {
            grant("MA-00020" + i, "Paged Poppy " + i, i % 2 == 0 ? "IFA" : "IFS");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> names("poppy").size() == 5);

        Response first = publicVisitor.get("/api/registry/endorsees?name=poppy&size=2");
        Response second = publicVisitor.get("/api/registry/endorsees?name=poppy&size=2&page=1");
        Response third = publicVisitor.get("/api/registry/endorsees?name=poppy&size=2&page=2");
        Response associates = publicVisitor.get("/api/registry/endorsees?name=poppy&category=IFA");

        assertThat(first.body().findValuesAsText("name")).containsExactly("Paged Poppy 1", "Paged Poppy 2");
        assertThat(second.body().findValuesAsText("name")).containsExactly("Paged Poppy 3", "Paged Poppy 4");
        assertThat(third.body().findValuesAsText("name")).containsExactly("Paged Poppy 5");
        assertThat(associates.body().findValuesAsText("endorsementNumber")).containsExactly("MA-000202", "MA-000204");
        HttpResponse<String> withLink = raw("/api/registry/endorsees?name=poppy&size=2", null);
        assertThat(withLink.headers().firstValue("Link")).hasValueSatisfying(
                link -> assertThat(link).contains("page=1").contains("rel=\"next\""));
        assertThat(raw("/api/registry/endorsees?name=poppy&size=2&page=2", null).headers().firstValue("Link"))
                .isEmpty();
        assertThat(publicVisitor.get("/api/registry/endorsees?name=poppy&size=51").status()).isEqualTo(400);
    }

    @Test
    void theReflectiveSupervisionDirectoryListsOnlyEndorsedProvidersOfTheState() {
        grant("MA-000301", "Provider Primrose", "IMHS");
        grant("MA-000302", "Provider Peony", "ECMHM-C");
        grant("MA-000303", "Family Fern", "IFS");
        grant("MA-000304", "Policy Pine", "IMHM-P");
        grant("WA-000305", "Provider Plum", "IMHM-C");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("pine").size() == 1 && names("plum").size() == 1);

        Response providers = publicVisitor.get("/api/registry/reflective-supervision-providers?state=MA&size=50");
        Response named = publicVisitor.get("/api/registry/reflective-supervision-providers?state=ma&name=peony");
        Response noState = publicVisitor.get("/api/registry/reflective-supervision-providers");

        assertThat(providers.body().findValuesAsText("endorsementNumber"))
                .contains("MA-000301", "MA-000302").doesNotContain("MA-000303", "MA-000304", "WA-000305")
                .allSatisfy(number -> assertThat(number).startsWith("MA-"));
        assertThat(providers.body().findValuesAsText("category"))
                .allSatisfy(category -> assertThat(category).isIn("IMHS", "ECMHS", "IMHM-C", "ECMHM-C"));
        assertThat(named.body().findValuesAsText("name")).containsExactly("Provider Peony");
        assertThat(noState.status()).isEqualTo(400);
        assertThat(noState.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anEndorsedReflectiveSupervisorOfAnyCategoryIsInTheDirectoryAndShowsTheAddOn() {
        publish(imported("MA-E-0001", "Saffron Quillwort", "IFS", "ACTIVE", List.of("ERS")));
        publish(imported("MA-E-0002", "Sorrel Quillwort", "IFS", "ACTIVE", List.of()));
        publish(imported("MA-E-0003", "Senna Quillwort", "IFA", "LAPSED", List.of("ERS")));
        await().atMost(Duration.ofSeconds(30)).until(() -> publicVisitor
                .get("/api/registry/endorsements/MA-E-0003").status() == 200 && names("quillwort").size() == 2);

        Response providers = publicVisitor.get("/api/registry/reflective-supervision-providers?state=MA&name=quillwort&size=50");
        Response saffron = publicVisitor.get("/api/registry/endorsees?name=saffron");
        Response verified = publicVisitor.get("/api/registry/endorsements/MA-E-0001");
        Response specialists = publicVisitor.get("/api/registry/endorsees?name=quillwort&category=IFS&size=50");

        assertThat(providers.body().findValuesAsText("endorsementNumber")).contains("MA-E-0001")
                .doesNotContain("MA-E-0002", "MA-E-0003");
        assertThat(saffron.at("/0/addOns/0")).isEqualTo("ERS");
        assertThat(verified.at("/addOns/0")).isEqualTo("ERS");
        assertThat(publicVisitor.get("/api/registry/endorsements/MA-E-0002").body().get("addOns")).isEmpty();
        // An add-on widens only the providers' directory: a search by category is by category alone.
        assertThat(specialists.body().findValuesAsText("endorsementNumber")).contains("MA-E-0001", "MA-E-0002");
    }

    @Test
    void publicAnswersAreCacheableAndAnUnchangedOneAnswers304() {
        HttpResponse<String> first = raw("/api/registry/endorsees?name=zoe", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = raw("/api/registry/endorsees?name=zoe", etag);
        HttpResponse<String> verification = raw("/api/registry/endorsements/MA-000001", null);
        HttpResponse<String> otherQuery = raw("/api/registry/endorsees?name=kim", etag);

        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("public").contains("max-age=60"));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(verification.headers().firstValue("ETag")).isPresent();
        assertThat(raw("/api/registry/endorsements/MA-000001",
                verification.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
        assertThat(otherQuery.statusCode()).isEqualTo(200);
    }

    @Test
    void aRebuildFromTheTopicsYieldsTheSameRegistryWhileTheSearchStaysOnline() {
        grant("MA-000401", "Rebuilt Rosemary", "IMHS");
        grant("MA-000402", "Rebuilt Rue", "IFS");
        publish(new EndorsementTransferred("wa", "MA-000401", "ma", "wa", "WA-000401",
                Instant.parse("2027-04-01T12:00:00Z"), null));
        publish(new EndorsementLapsed("ma", "MA-000402", Instant.parse("2027-01-01T05:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "LAPSED".equals(status("MA-000402"))
                && "ACTIVE".equals(status("WA-000401")));
        List<EndorsementRecord> before = registry.all();
        List<String> indexesBefore = indexes();
        // A row no event ever wrote: a rebuild from the topics must not keep it.
        jdbc.update("""
                INSERT INTO registry_entry (endorsement_number, tenant_id, name, name_folded, category, state,
                    endorsed_since, valid_through, status_since, changed_at)
                VALUES ('MA-999998', 'ma', 'Stray Rebuilt', 'stray rebuilt', 'IFA', 'MA', DATE '2026-01-01',
                    DATE '2027-12-31', DATE '2026-01-01', now())""");
        ApiClient operator = publicVisitor.as("ma", "operator-1", "PLATFORM_ADMIN");

        Response started = operator.post("/api/registry/admin/rebuilds", null);
        Response searchMeanwhile = publicVisitor.get("/api/registry/endorsees?name=rosemary");

        assertThat(started.status()).isEqualTo(202);
        assertThat(searchMeanwhile.status()).isEqualTo(200);
        String progress = "/api/registry/admin/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(operator.get(progress).at("/state")));
        Response done = operator.get(progress);
        assertThat(done.body().get("eventsRead").asLong()).isGreaterThanOrEqualTo(
                done.body().get("eventsToRead").asLong()).isPositive();
        assertThat(done.body().get("entries").asLong()).isEqualTo(before.size());
        assertThat(registry.all()).containsExactlyElementsOf(before);
        assertThat(indexes()).as("later migrations find the indexes by name").isEqualTo(indexesBefore)
                .as("the rebuilt table is searched through its trigram index too")
                .contains("registry_entry.registry_entry_active_name_trigrams");
        assertThat(names("stray")).isEmpty();
        assertThat(names("rosemary")).containsExactly("Rebuilt Rosemary");
        // Filled with autovacuum off (its lock would hold up the switch), the tables are vacuumed as usual again, and
        // the columns the search filters and orders on were analysed before the first search on them.
        assertThat(jdbc.queryForList("SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class"
                + " WHERE relname IN ('registry_entry', 'registry_pending_change')", String.class))
                .containsExactly("", "");
        assertThat(jdbc.queryForList("SELECT attname FROM pg_stats WHERE tablename = 'registry_entry'",
                String.class)).contains("status", "name_folded", "state", "category");

        // The live consumers write into the rebuilt table from now on.
        grant("MA-000403", "Rebuilt Rye", "IFA");
        await().atMost(Duration.ofSeconds(30)).until(() -> names("rye").size() == 1);
    }

    @Test
    void onlyAnOperatorRebuildsTheRegistry() {
        Response coordinator = publicVisitor.as("ma", "coordinator-1", "COORDINATOR")
                .post("/api/registry/admin/rebuilds", null);

        assertThat(coordinator.status()).isEqualTo(403);
    }

    private List<String> indexes() {
        return jdbc.queryForList("SELECT tablename || '.' || indexname FROM pg_indexes WHERE tablename IN "
                + "('registry_entry', 'registry_pending_change') ORDER BY 1", String.class);
    }

    private List<String> names(String query) {
        return publicVisitor.get("/api/registry/endorsees?size=50&name=" + query).body().findValuesAsText("name");
    }

    private String status(String number) {
        return publicVisitor.get("/api/registry/endorsements/" + number).at("/status");
    }

    private HttpResponse<String> raw(String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anImportedEndorsementIsListedLikeAGrantAndALapsedOneOnlyVerifies() {
        publish(imported("MA-L-0001", "Imported Ilse", "IMHS", "ACTIVE"));
        publish(imported("MA-L-0002", "Imported Ingo", "IFA", "LAPSED"));
        publish(imported("MA-L-0003", "=HYPERLINK(\"http://x\",\"Imported Iris\")", "IFS", "INACTIVE"));

        await().atMost(Duration.ofSeconds(30)).until(() -> publicVisitor
                .get("/api/registry/endorsements/MA-L-0003").status() == 200);
        assertThat(names("imported")).containsExactly("Imported Ilse");
        Response active = publicVisitor.get("/api/registry/endorsements/MA-L-0001");
        assertThat(active.at("/status")).isEqualTo("ACTIVE");
        assertThat(active.at("/endorsedSince")).isEqualTo("2014-05-01");
        assertThat(active.at("/validThrough")).isEqualTo("2027-12-31");
        assertThat(active.at("/state")).isEqualTo("MA");
        Response lapsed = publicVisitor.get("/api/registry/endorsements/MA-L-0002");
        assertThat(lapsed.at("/status")).isEqualTo("LAPSED");
        assertThat(lapsed.at("/active")).isEqualTo("false");
        assertThat(lapsed.at("/statusSince")).isEqualTo("2026-11-22");
        Response inactive = publicVisitor.get("/api/registry/endorsements/MA-L-0003");
        assertThat(inactive.at("/status")).isEqualTo("INACTIVE");
        assertThat(inactive.at("/name")).isEqualTo("=HYPERLINK(\"http://x\",\"Imported Iris\")");
    }

    private static EndorsementImported imported(String number, String name, String category, String status) {
        return imported(number, name, category, status, List.of());
    }

    private static EndorsementImported imported(String number, String name, String category, String status,
                                                List<String> addOns) {
        return new EndorsementImported("ma", number, "email:" + number.toLowerCase() + "@example.org", name,
                number.toLowerCase() + "@example.org", category, addOns, LocalDate.of(2014, 5, 1),
                LocalDate.of(2027, 12, 31), status, "admin-ma", Instant.parse("2026-11-22T10:00:00Z"),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    private void grant(String number, String name, String category) {
        publish(Given.grantedEndorsement(number).named(name).in(category).event());
    }

    private void publish(IntegrationEvent event) {
        EventMessage<IntegrationEvent> message = new GenericEventMessage<>(event,
                Map.of(AuditMetadata.TENANT, event.tenantId()));
        publisher.publish(event, message);
    }
}
