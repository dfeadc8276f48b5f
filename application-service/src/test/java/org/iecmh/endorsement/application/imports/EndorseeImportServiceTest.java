package org.iecmh.endorsement.application.imports;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.EndorsementClaimed;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An association's admin brings its current endorsees onto the platform from its current system's CSV export. */
public class EndorseeImportServiceTest extends ServiceTestBase {

    static final String HEADER =
            "endorsement_number,name,email,category,endorsed_since,valid_through,status,provides_rsc,ers_add_on\n";
    /** Four good rows (one over two lines), then one row per rule, and a row with two problems. */
    static final String FILE = "\uFEFF" + HEADER
            + "MA-L-1001,\"Lima, Ana\",ana.lima@example.org,IMHM-C,2015-06-01,2027-12-31,ACTIVE,yes,no\n"
            + "MA-L-1002,Zoë Ñúñez 山田,Zoe@Example.org,IFS,6/30/2019,12/31/2025,LAPSED,no,yes\n"
            + "MA-L-1003,\"Kim \"\"KJ\"\" Lee\nsecond line\",kim@example.org,IFA,2020-01-15,2027-12-31,INACTIVE,no,no\n"
            + "MA-L-1004,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",hyper@example.org,IFA,2020-01-01,"
            + "2027-12-31,ACTIVE,,\n"
            + "MA-L-1005,Bad Category,bc@example.org,XYZ,2020-01-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-L-1006,Bad Date,bd@example.org,IFA,2020-13-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-L-1007,Backwards,bw@example.org,IFA,2024-01-01,2023-12-31,ACTIVE,no,no\n"
            + "MA-L-1001,Again Ana,again@example.org,IFA,2015-06-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-P-0101,Held Number,held@example.org,IFA,2015-06-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-L-1008,No Email,,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-L-1009,Bad Email,not-an-email,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
            + "WA-L-1010,Other Association,o@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-000777,Platform Form,p@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
            + "MA-L-1011,Not A Provider,np@example.org,IFS,2020-01-01,2027-12-31,ACTIVE,yes,no\n"
            + "MA-L-1012,Revoked Status,st@example.org,IFA,2020-01-01,2027-12-31,REVOKED,no,no\n"
            + "MA-L-1013,Two Problems,,IFA,2020-01-01,2027-12-31,ACTIVE,maybe,no\n";
    static final List<String> GOOD = List.of("MA-L-1001", "MA-L-1002", "MA-L-1003", "MA-L-1004");
    static final List<String> PROBLEMS = List.of(
            "7 category unknown-category", "8 endorsed_since date",
            "9 valid_through valid-through-before-endorsed-since", "10 endorsement_number duplicate-in-file",
            "11 endorsement_number number-held", "12 email required", "13 email email",
            "14 endorsement_number number-format", "15 endorsement_number number-reserved",
            "16 provides_rsc rsc-provider-needs-category-or-ers", "17 status unknown-status",
            "18 email required", "18 provides_rsc yes-or-no");
    static final Map<String, String> CSV = Map.of("Content-Type", "text/csv");

    ApiClient admin;

    @BeforeEach
    void theAssociationsAdmin() {
        admin = ApiClient.onPort(port).as("ma", "admin-ma", "TENANT_ADMIN");
    }

    @Autowired
    org.iecmh.endorsement.application.endorsees.Endorsees views;

    @Test
    void aDryRunReportsEveryRowsProblemsByLineColumnAndRuleAndWritesNothing() {
        int before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);

        Response report = admin.post("/api/applications/endorsee-imports?dryRun=true", FILE, CSV);

        assertThat(report.status()).as(report.text()).isEqualTo(200);
        assertThat(report.at("/total")).isEqualTo("16");
        assertThat(report.at("/valid")).isEqualTo("4");
        assertThat(report.at("/fileSha256")).isEqualTo(hexSha256(FILE));
        assertThat(problems(report)).containsExactlyElementsOf(PROBLEMS);
        assertThat(report.at("/problems/3/message")).contains("line 2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void anImportMakesEachGoodRowAnEndorsementReportsTheBadOnesAndARunAgainChangesNothing() {
        Response started = admin.post("/api/applications/endorsee-imports", FILE, CSV);

        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.at("/location")).isEqualTo("/api/applications/endorsee-imports/"
                + started.at("/importId"));
        Response finished = finished(started);
        assertThat(finished.at("/total")).isEqualTo("16");
        assertThat(finished.at("/done")).isEqualTo("16");
        assertThat(finished.at("/imported")).isEqualTo("4");
        assertThat(finished.at("/unchanged")).isEqualTo("0");
        assertThat(finished.at("/failed")).isEqualTo("12");
        assertThat(finished.at("/importedBy")).isEqualTo("admin-ma");
        assertThat(problems(finished)).containsExactlyElementsOf(PROBLEMS);
        assertThat(eventsOf(GOOD)).isEqualTo(4);
        assertThat(eventsOf(List.of("MA-L-1005", "MA-L-1006", "MA-L-1007", "MA-L-1008", "MA-L-1009",
                "WA-L-1010", "MA-000777", "MA-L-1011", "MA-L-1012", "MA-L-1013"))).isZero();
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT (payload ->> 'fileSha256') || ' ' || (payload ->> 'importedBy') || ' '
                                || (meta_data ->> 'subject')
                FROM event_log WHERE aggregate_identifier = ANY(?::varchar[])""", String.class,
                (Object) GOOD.toArray(String[]::new))).containsExactly(hexSha256(FILE) + " admin-ma admin-ma");

        ConsumerRecord<byte[], byte[]> published = KafkaTopics.awaitFirst(kafkaPrefix + Topics.APPLICATIONS,
                r -> EndorsementImported.TYPE.equals(KafkaTopics.header(r, "ce_type"))
                        && "MA-L-1004".equals(KafkaTopics.key(r)));
        assertThat(new String(published.value(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"endorseeName\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"")
                .contains("\"personId\":\"email:hyper@example.org\"");
        LocalDate today = LocalDate.of(2026, 11, 22);
        assertThat(views.endorsementsOf("ma", "email:ana.lima@example.org", today))
                .extracting(held -> held.endorsementNumber() + " " + held.category().abbreviation())
                .containsExactly("MA-L-1001 IMHM-C");
        assertThat(views.providerPeriods(List.of("MA-L-1001", "MA-L-1002", "MA-L-1003")))
                .containsOnlyKeys("MA-L-1001", "MA-L-1002");

        Response again = finished(admin.post("/api/applications/endorsee-imports", FILE, CSV));
        assertThat(again.at("/imported")).isEqualTo("0");
        assertThat(again.at("/unchanged")).isEqualTo("4");
        assertThat(again.at("/failed")).isEqualTo("12");
        assertThat(eventsOf(GOOD)).isEqualTo(4);
        Response changedRow = admin.post("/api/applications/endorsee-imports?dryRun=true",
                HEADER + "MA-L-1001,Ana Lima,ana.lima@example.org,IMHM-C,2015-06-01,2028-12-31,ACTIVE,yes,no\n",
                CSV);
        assertThat(problems(changedRow)).containsExactly("2 endorsement_number number-imported-differently");
        assertThat(ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN")
                .get("/api/applications/endorsee-imports/" + started.at("/importId")).status()).isEqualTo(404);
    }

    @Test
    void twoImportsOfTheSameFileAtOnceMakeEachEndorsementOnce() throws Exception {
        StringBuilder file = new StringBuilder(HEADER);
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String number = String.format("MA-L-3%03d", i);
            numbers.add(number);
            file.append(number).append(",Endorsee ").append(i).append(",e").append(i)
                    .append("@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n");
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<Response> start = () -> admin.post("/api/applications/endorsee-imports", file.toString(), CSV);
            Future<Response> first = two.submit(start);
            Future<Response> second = two.submit(start);
            Response one = finished(first.get(30, TimeUnit.SECONDS));
            Response other = finished(second.get(30, TimeUnit.SECONDS));

            assertThat(Integer.parseInt(one.at("/imported")) + Integer.parseInt(other.at("/imported")))
                    .isEqualTo(40);
            assertThat(Integer.parseInt(one.at("/unchanged")) + Integer.parseInt(other.at("/unchanged")))
                    .isEqualTo(40);
            assertThat(one.at("/failed")).isEqualTo("0");
            assertThat(other.at("/failed")).isEqualTo("0");
            assertThat(eventsOf(numbers)).isEqualTo(40);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aFileThatIsNotAnEndorseeFileIsRefusedAsAWholeNamingTheRule() {
        Response binary = admin.post("/api/applications/endorsee-imports?dryRun=true", "PK\u0003\u0004\u0000\u0000",
                CSV);
        Response unclosedQuote = admin.post("/api/applications/endorsee-imports?dryRun=true",
                HEADER + "MA-L-4001,\"Ana,ana@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n", CSV);
        Response renamed = admin.post("/api/applications/endorsee-imports?dryRun=true",
                HEADER.replace("valid_through", "expires"), CSV);
        Response missing = admin.post("/api/applications/endorsee-imports",
                HEADER.replace(",valid_through", ""), CSV);
        Response huge = admin.post("/api/applications/endorsee-imports", HEADER + "x".repeat(8_400_000), CSV);
        Response json = admin.post("/api/applications/endorsee-imports", Map.of("rows", List.of()));
        Response empty = admin.post("/api/applications/endorsee-imports", "", CSV);

        assertThat(List.of(binary, unclosedQuote, renamed, missing, huge, empty))
                .allSatisfy(problem -> {
                    assertThat(problem.status()).as(problem.text()).isEqualTo(400);
                    assertThat(problem.contentType()).startsWith("application/problem+json");
                    assertThat(problem.at("/errors/0/field")).isEqualTo("file");
                });
        assertThat(binary.at("/errors/0/rule")).isEqualTo("not-csv");
        assertThat(unclosedQuote.at("/errors/0/rule")).isEqualTo("not-csv");
        assertThat(renamed.at("/errors/0/rule")).isEqualTo("header");
        assertThat(renamed.at("/errors/0/message")).contains("\"expires\"");
        assertThat(missing.at("/errors/0/rule")).isEqualTo("header");
        assertThat(missing.at("/errors/0/message")).contains("no column valid_through");
        assertThat(huge.at("/errors/0/rule")).isEqualTo("too-large");
        assertThat(empty.at("/errors/0/rule")).isEqualTo("empty");
        assertThat(json.status()).isEqualTo(415);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM endorsee_import WHERE total = 0", Integer.class))
                .isZero();
    }

    @Test
    void onlyTheAssociationsAdminImportsEndorsees() {
        for (String role : List.of("COORDINATOR", "APPLICANT", "AUDITOR", "PLATFORM_ADMIN")) {
            Response refused = ApiClient.onPort(port).as("ma", "someone", role)
                    .post("/api/applications/endorsee-imports?dryRun=true", FILE, CSV);
            assertThat(refused.status()).as(role).isEqualTo(403);
        }
        assertThat(ApiClient.onPort(port).post("/api/applications/endorsee-imports", FILE, CSV).status())
                .isEqualTo(401);
    }

    @Test
    void anImportedEndorseeWhoClaimedTheirEndorsementReviewsAsTheSubjectTheySignInWith() {
        String file = HEADER + "MA-L-1101,Rae Claim,Rae.Claim@example.org,IMHS,2016-01-01,2027-12-31,ACTIVE,yes,no\n";
        assertThat(finished(admin.post("/api/applications/endorsee-imports", file, CSV)).at("/imported"))
                .isEqualTo("1");
        String id = inReview("Claimed Reviewer", "IFA");
        String reviewers = "/api/applications/" + id + "/reviewers";
        Response beforeClaim = coordinator.post(reviewers,
                Map.of("reviewers", List.of("reviewer-claimant", "reviewer-kim")));
        assertThat(beforeClaim.at("/rule")).isEqualTo("reviewer-not-endorsed");

        EndorsementClaimed claimed = new EndorsementClaimed("ma", "MA-L-1101", "reviewer-claimant", NOW);
        publisher.publish(claimed, new GenericEventMessage<>(claimed, Map.of(AuditMetadata.TENANT, "ma")));
        publisher.publish(claimed, new GenericEventMessage<>(claimed, Map.of(AuditMetadata.TENANT, "ma")));

        await().atMost(Duration.ofSeconds(30)).until(() -> coordinator.post(reviewers,
                Map.of("reviewers", List.of("reviewer-claimant", "reviewer-kim"))).status() == 200);
        LocalDate today = LocalDate.of(2026, 11, 22);
        assertThat(views.endorsementsOf("ma", "reviewer-claimant", today))
                .extracting(held -> held.endorsementNumber()).containsExactly("MA-L-1101");
        assertThat(views.endorsementsOf("ma", "email:rae.claim@example.org", today)).isEmpty();
    }

    @Test
    void aRebuildOfManyEndorseesGivesTheRowsTheirEventsGaveAsTheyHappened() {
        // Enough of each kind for a rebuild to send them as INSERTs of many rows, with rows left over.
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 300; i++) {
            boolean provider = i % 3 == 0;
            file.append(String.format(Locale.ROOT, "MA-R-%04d,Rebuilt Endorsee %d,rebuilt.%d@example.org,%s,"
                    + "2016-01-01,2027-12-31,ACTIVE,%s,no%n", i, i, i, provider ? "IMHS" : "IFS",
                    provider ? "yes" : "no"));
        }
        assertThat(finished(admin.post("/api/applications/endorsee-imports", file.toString(), CSV))
                .at("/imported")).isEqualTo("300");
        for (int i = 0; i < 150; i++) {
            assertThat(admin.post("/api/applications/prior-endorsements", Map.of("endorsementNumber",
                    String.format(Locale.ROOT, "MA-Q-%04d", i), "subject", "prior-" + i, "name", "Prior " + i,
                    "category", i % 2 == 0 ? "IMHS" : "IFA", "endorsedSince", "2016-01-01")).status())
                    .isEqualTo(201);
        }
        EndorsementClaimed claimed = new EndorsementClaimed("ma", "MA-R-0007", "rebuilt-claimant", NOW);
        publisher.publish(claimed, new GenericEventMessage<>(claimed, Map.of(AuditMetadata.TENANT, "ma")));
        LocalDate today = LocalDate.of(2026, 11, 22);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !views.endorsementsOf("ma", "rebuilt-claimant", today).isEmpty());
        List<Map<String, Object>> before = readModelRows();

        Response rebuilt = rebuildApplicationView();

        assertThat(rebuilt.at("/status")).as(rebuilt.text()).isEqualTo("DONE");
        assertThat(readModelRows()).isEqualTo(before);
        assertThat(jdbc.queryForMap("SELECT * FROM endorsee WHERE endorsement_number = 'MA-R-0007'"))
                .containsEntry("subject", "rebuilt-claimant").containsEntry("email", "rebuilt.7@example.org")
                .containsEntry("category", "IFS");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM endorsee WHERE endorsement_number LIKE 'MA-R-%'"
                + " AND import_fingerprint IS NOT NULL AND subject LIKE 'email:rebuilt.%'", Integer.class))
                .isEqualTo(299);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM supervision_provider"
                + " WHERE endorsement_number LIKE 'MA-R-%' OR endorsement_number LIKE 'MA-Q-%'", Integer.class))
                .isEqualTo(100 + 75);
    }

    private Response finished(Response started) {
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String location = started.at("/location");
        await().atMost(Duration.ofSeconds(60)).until(() -> "FINISHED".equals(admin.get(location).at("/status")));
        return admin.get(location);
    }

    private List<String> problems(Response report) {
        List<String> found = new ArrayList<>();
        report.body().get("problems").forEach(p -> found.add(p.get("line").asText() + " "
                + p.get("column").asText() + " " + p.get("rule").asText()));
        return found;
    }

    private int eventsOf(List<String> numbers) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY(?::varchar[])
                AND payload_type LIKE '%.EndorsementImported'""", Integer.class,
                (Object) numbers.toArray(String[]::new));
    }

    private static String hexSha256(String text) throws IllegalStateException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
