package org.iecmh.endorsement.renewal.evidence;

import jakarta.mail.internet.MimeMessage;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.kit.files.FileStore;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.renewal.endorsement.Endorsement;
import org.iecmh.endorsement.renewal.evidence.Uploads.Download;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.S3Server;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Evidence of a renewal's hours, kept in the real S3 server, and the renewal audit: attached, refused, downloaded with
 * its hash checked, seen by whom it belongs to and nobody else; sampled by a draw that gives the same answer every
 * time; judged item by item until the renewal may be approved.
 * <p>
 * Length: each story needs its files, its association and its reads of the store and the mail; the helpers that send
 * multipart requests live in {@link Uploads}, and what is left are the stories.
 */
class EvidenceServiceTest extends RenewalServiceTestBase {

    private static final AtomicBoolean AUDITING_ASSOCIATIONS = new AtomicBoolean();
    private static final byte[] PDF = ("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% Training certificate: "
            + "Observation, 9 hours\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = png();
    private static final LocalDate CYCLE_CLOSES = LocalDate.of(2027, 12, 31);

    private static S3Client s3;

    /**
     * Associations that renew yearly by December 31 and ask nothing of a year (so that a renewal is submitted on the
     * first day of the window), auditing all renewals ({@code au}), none ({@code an}) and half ({@code ah}).
     */
    @BeforeEach
    void auditingAssociationsAreKnown() {
        if (AUDITING_ASSOCIATIONS.compareAndSet(false, true)) {
            Association ma = PublishedAssociations.seeded("ma");
            PublishedAssociations.publish(environment, auditing(ma, "au", 100), auditing(ma, "an", 0),
                    auditing(ma, "ah", 50));
        }
    }

    private static Association auditing(Association template, String code, int percent) {
        return PublishedAssociations.copy(template, code, "Audit " + percent, "America/New_York")
                .withRenewal(List.of(new RenewalVersion(LocalDate.of(2020, 1, 1), "yearly", "12-31", "10-01", null,
                        null, null, 30, null, List.of(30), 0, 0, 0, null, false, false, 0, false, percent)));
    }

    @AfterAll
    static void closeS3() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    @Test
    void theEndorseeAndTheCoordinatorAttachProofOfHoursAndTheAssociationsPeopleReadItCheckedAgainstItsHash() {
        grant("ma", "MA-000301", "person-301", "IFS", CYCLE_CLOSES);
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-301", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");

        Response certificate = attach(endorsee, "MA-000301", "certificate.pdf", "application/pdf", PDF, 2027, "k-1");
        assertThat(certificate.status()).as(certificate.text()).isEqualTo(200);
        String id = certificate.at("/attachmentId");
        assertThat(certificate.at("/sha256")).isEqualTo(FileStore.sha256(PDF));
        assertThat(certificate.at("/size")).isEqualTo(String.valueOf(PDF.length));
        assertThat(certificate.at("/contentType")).isEqualTo("application/pdf");
        assertThat(certificate.at("/state")).isEqualTo("ATTACHED");
        assertThat(certificate.at("/attachedBy")).isEqualTo("person-301");
        // The same request again (its answer lost) is the same attachment: one event, one file in the store.
        Response again = attach(endorsee, "MA-000301", "certificate.pdf", "application/pdf", PDF, 2027, "k-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.at("/attachmentId")).isEqualTo(id);
        Response log = attach(coordinator, "MA-000301", "supervision-log.png", "image/png", PNG, 2027, null);
        assertThat(log.status()).as(log.text()).isEqualTo(200);
        assertThat(log.at("/attachedBy")).isEqualTo("coordinator-ma");
        assertThat(countEvents("MA-000301", "EvidenceAttached")).isEqualTo(2);
        assertThat(objectsOf("ma", "MA-000301")).hasSize(2);
        Response outside = attach(endorsee, "MA-000301", "old.pdf", "application/pdf", PDF, 2025, null);
        assertThat(outside.status()).isEqualTo(409);
        assertThat(outside.at("/rule")).isEqualTo("evidence-year-outside-cycle");
        assertThat(objectsOf("ma", "MA-000301")).as("a refused file is not kept").hasSize(2);

        Response listed = endorsee.get("/api/endorsements/MA-000301/evidence");
        assertThat(listed.body().get("items").findValuesAsText("fileName"))
                .containsExactly("certificate.pdf", "supervision-log.png");
        assertThat(listed.at("/audit")).isNull();
        for (ApiClient reader : List.of(endorsee, coordinator, auditor)) {
            Download file = Uploads.download(reader, port, "MA-000301", id);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.bytes()).isEqualTo(PDF);
            assertThat(file.header("Content-Type")).isEqualTo("application/pdf");
            assertThat(file.header("Repr-Digest")).isEqualTo("sha-256=:" + Base64.getEncoder()
                    .encodeToString(HexFormat.of().parseHex(FileStore.sha256(PDF))) + ":");
            assertThat(file.header("Content-Disposition")).contains("attachment").contains("certificate.pdf");
        }
        // The auditor sees in the history which bytes were attached.
        Response history = auditor.get("/api/audit/endorsements/MA-000301/events?type=EvidenceAttached");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.text()).contains(FileStore.sha256(PDF)).contains(FileStore.sha256(PNG));

        // Another association's people, and another endorsee, are told there is no such endorsement.
        ApiClient otherAssociation = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        ApiClient otherEndorsee = ApiClient.onPort(port).as("ma", "person-302", "APPLICANT");
        for (ApiClient stranger : List.of(otherAssociation, otherEndorsee)) {
            assertThat(stranger.get("/api/endorsements/MA-000301/evidence").status()).isEqualTo(404);
            Download file = Uploads.download(stranger, port, "MA-000301", id);
            assertThat(file.status()).isEqualTo(404);
            assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).doesNotContain("Training certificate");
            assertThat(attach(stranger, "MA-000301", "mine.pdf", "application/pdf", PDF, 2027, null).status())
                    .isEqualTo(404);
        }
        assertThat(Uploads.download(ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR"), port, "MA-000301", id)
                .status()).isEqualTo(404);
        assertThat(countEvents("MA-000301", "EvidenceAttached")).isEqualTo(2);
        assertThat(objectsOf("ma", "MA-000301")).hasSize(2);
    }

    /**
     * A file stays where it was sealed, in the part of the store of the association that held the endorsement then;
     * after a transfer the receiving association's staff read it, the association it left no longer does.
     */
    @Test
    void evidenceMovesWithATransferredEndorsementAndIsReadFromWhereItWasKept() {
        grant("ma", "MA-000331", "person-331", "IFA", CYCLE_CLOSES);
        CLOCK.set(Instant.parse("2027-03-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-331", "APPLICANT");
        ApiClient maCoordinator = ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR");
        ApiClient waCoordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");
        String id = attach(endorsee, "MA-000331", "certificate.pdf", "application/pdf", PDF, 2027, null)
                .at("/attachmentId");

        assertThat(endorsee.post("/api/endorsements/MA-000331/transfer", Map.of("toTenantId", "wa")).status())
                .isEqualTo(200);
        assertThat(waCoordinator.post("/api/endorsements/MA-000331/transfer/acceptance", null).status())
                .isEqualTo(200);

        assertThat(waCoordinator.get("/api/endorsements/MA-000331/evidence").body().get("items")
                .findValuesAsText("attachmentId")).containsExactly(id);
        assertThat(Uploads.download(waCoordinator, port, "MA-000331", id).bytes()).isEqualTo(PDF);
        assertThat(Uploads.download(endorsee, port, "MA-000331", id).bytes()).isEqualTo(PDF);
        assertThat(Uploads.download(maCoordinator, port, "MA-000331", id).status()).isEqualTo(404);
        // What the endorsee attaches now is kept by the association that holds the endorsement now.
        Response later = attach(endorsee, "MA-000331", "log.png", "image/png", PNG, 2027, null);
        assertThat(later.status()).as(later.text()).isEqualTo(200);
        assertThat(objectsOf("ma", "MA-000331")).hasSize(1);
        assertThat(objectsOf("wa", "MA-000331")).hasSize(1);
        assertThat(Uploads.download(waCoordinator, port, "MA-000331", later.at("/attachmentId")).bytes())
                .isEqualTo(PNG);
    }

    @Test
    void aFileThatIsNotWhatItClaimsTooLargeOrEmptyIsRefusedNamingTheFieldAndTheRuleAndNothingIsKept() {
        grant("ma", "MA-000311", "person-311", "IFS", CYCLE_CLOSES);
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-311", "APPLICANT");
        byte[] page = "<html><script>document.location='https://example.org'</script></html>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] large = Arrays.copyOf(PDF, 300 * 1024);

        assertRefused(attach(endorsee, "MA-000311", "certificate.pdf", "application/pdf", page, 2027, null),
                "FileTypeNotAllowed");
        assertRefused(attach(endorsee, "MA-000311", "certificate.pdf", "application/pdf", PNG, 2027, null),
                "FileTypeMismatch");
        assertRefused(attach(endorsee, "MA-000311", "certificate.pdf", "application/octet-stream", PNG, 2027, null),
                "FileNameMismatch");
        assertRefused(attach(endorsee, "MA-000311", "certificate.pdf", "application/pdf", large, 2027, null),
                "FileTooLarge");
        assertRefused(attach(endorsee, "MA-000311", "certificate.pdf", "application/pdf", new byte[0], 2027, null),
                "FileEmpty");

        assertThat(countEvents("MA-000311", "EvidenceAttached")).isZero();
        assertThat(objectsOf("ma", "MA-000311")).isEmpty();
        assertThat(endorsee.get("/api/endorsements/MA-000311/evidence").body().get("items")).isEmpty();
    }

    @Test
    void aFileChangedInTheStoreIsNeverServed() {
        grant("ma", "MA-000321", "person-321", "IFS", CYCLE_CLOSES);
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-321", "APPLICANT");
        String id = attach(endorsee, "MA-000321", "certificate.pdf", "application/pdf", PDF, 2027, null)
                .at("/attachmentId");
        String key = objectsOf("ma", "MA-000321").get(0);
        byte[] sealed = s3().getObjectAsBytes(request -> request.bucket(bucket()).key(key)).asByteArray();
        sealed[sealed.length - 1] ^= 1;
        s3().putObject(request -> request.bucket(bucket()).key(key).metadata(
                s3().headObject(head -> head.bucket(bucket()).key(key)).metadata()), RequestBody.fromBytes(sealed));

        Download altered = Uploads.download(endorsee, port, "MA-000321", id);

        assertThat(altered.status()).isNotEqualTo(200);
        assertThat(new String(altered.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");
    }

    @Test
    void theDrawSamplesEveryRenewalAtAHundredPercentNoneAtZeroAndTheSameOnesEveryTime() {
        List<String> halfNumbers = new ArrayList<>();
        String sampledAtHalf = null;
        String notSampledAtHalf = null;
        for (int n = 1; sampledAtHalf == null || notSampledAtHalf == null; n++) {
            String number = "AH-%06d".formatted(n);
            boolean sampled = RenewalAuditDraw.sampled(RenewalAuditDraw.draw("ah", number, CYCLE_CLOSES), 50);
            if (sampled && sampledAtHalf == null) {
                sampledAtHalf = number;
            } else if (!sampled && notSampledAtHalf == null) {
                notSampledAtHalf = number;
            }
        }
        halfNumbers.add(sampledAtHalf);
        halfNumbers.add(notSampledAtHalf);
        grant("au", "AU-000001", "person-au-1", "IFS", CYCLE_CLOSES);
        grant("an", "AN-000001", "person-an-1", "IFS", CYCLE_CLOSES);
        for (String number : halfNumbers) {
            grant("ah", number, "person-" + number, "IFS", CYCLE_CLOSES);
        }
        CLOCK.set(Instant.parse("2027-10-15T16:00:00Z"));

        submit("au", "AU-000001", "person-au-1");
        submit("an", "AN-000001", "person-an-1");
        for (String number : halfNumbers) {
            submit("ah", number, "person-" + number);
        }

        assertThat(countEvents("AU-000001", "RenewalSampled")).isEqualTo(1);
        assertThat(countEvents("AN-000001", "RenewalSampled")).isZero();
        assertThat(countEvents(sampledAtHalf, "RenewalSampled")).isEqualTo(1);
        assertThat(countEvents(notSampledAtHalf, "RenewalSampled")).isZero();
        // The draw recorded is the one anyone computes again from the association, the endorsement and the cycle.
        Response audit = ApiClient.onPort(port).as("ah", "coordinator-ah", "COORDINATOR")
                .get("/api/endorsements/" + sampledAtHalf + "/evidence");
        assertThat(audit.at("/audit/draw"))
                .isEqualTo(String.valueOf(RenewalAuditDraw.draw("ah", sampledAtHalf, CYCLE_CLOSES)));
        assertThat(audit.at("/audit/auditPercent")).isEqualTo("50");
        assertThat(audit.at("/audit/state")).isEqualTo("OPEN");
        // Returned and submitted again, each renewal draws the same: sampled once, or never.
        for (String number : halfNumbers) {
            ApiClient coordinator = ApiClient.onPort(port).as("ah", "coordinator-ah", "COORDINATOR");
            assertThat(coordinator.post("/api/endorsements/" + number + "/renewal/return",
                    Map.of("comments", "Sign the form")).status()).isEqualTo(200);
            submit("ah", number, "person-" + number);
        }
        assertThat(countEvents(sampledAtHalf, "RenewalSampled")).isEqualTo(1);
        assertThat(countEvents(notSampledAtHalf, "RenewalSampled")).isZero();
        Response approved = ApiClient.onPort(port).as("ah", "coordinator-ah", "COORDINATOR")
                .post("/api/endorsements/" + notSampledAtHalf + "/renewal/approval", null);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.at("/validThrough")).isEqualTo("2028-12-31");
    }

    @Test
    void aSampledRenewalIsApprovedOnlyOnceTheCoordinatorAcceptedItsEvidenceAReturnedItemReplacedFirst(
            @Autowired EventStore eventStore, @Autowired @Qualifier("snapshotSerializer") Serializer snapshots) {
        grant("au", "AU-000011", "person-au-11", "IFS", CYCLE_CLOSES);
        CLOCK.set(Instant.parse("2027-10-15T16:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("au", "person-au-11", "APPLICANT");
        ApiClient coordinator = ApiClient.onPort(port).as("au", "coordinator-au", "COORDINATOR");
        String evidence = "/api/endorsements/AU-000011/evidence";
        // Named from the Spanish pages: the endorsee's mail is in Spanish from now on.
        assertThat(endorsee.withHeaders(Map.of("Accept-Language", "es-US,es;q=0.9,en;q=0.5"))
                .put("/api/endorsements/AU-000011/email-address", Map.of("emailAddress", "person-au-11@example.org"))
                .status()).isEqualTo(200);

        assertThat(endorsee.post("/api/endorsements/AU-000011/renewal", null).at("/renewal")).isEqualTo("SUBMITTED");
        MimeMessage asked = awaitMail("person-au-11@example.org", "envíe pruebas de sus horas");
        assertThat(SmtpServer.plainText(asked)).contains("AU-000011").contains("2027")
                .contains("https://gateway.test/endorsement.html?number=AU-000011");
        assertThat(coordinator.get("/api/endorsements/renewal-audits").body().findValuesAsText("endorsementNumber"))
                .contains("AU-000011");
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .get("/api/endorsements/renewal-audits").body().findValuesAsText("endorsementNumber"))
                .doesNotContain("AU-000011");
        Response early = coordinator.post("/api/endorsements/AU-000011/renewal/approval", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.at("/rule")).isEqualTo("renewal-audit-open");

        String first = attach(endorsee, "AU-000011", "hours.png", "image/png", PNG, 2027, null).at("/attachmentId");
        assertThat(endorsee.post(evidence + "/" + first + "/acceptance", null).status()).isEqualTo(403);
        assertThat(ApiClient.onPort(port).as("ma", "coordinator-ma", "COORDINATOR")
                .post(evidence + "/" + first + "/acceptance", null).status()).isEqualTo(404);
        Response returned = coordinator.post(evidence + "/" + first + "/return",
                Map.of("reason", "The picture does not show the hours"));
        assertThat(returned.status()).as(returned.text()).isEqualTo(200);
        assertThat(returned.at("/state")).isEqualTo("RETURNED");
        MimeMessage back = awaitMail("person-au-11@example.org", "se devolvió un archivo");
        assertThat(SmtpServer.plainText(back)).contains("The picture does not show the hours").contains("hours.png");
        assertThat(coordinator.post("/api/endorsements/AU-000011/renewal/approval", null).at("/rule"))
                .isEqualTo("renewal-audit-open");

        Response second = attach(endorsee, "AU-000011", "certificate.pdf", "application/pdf", PDF, 2027, null,
                Map.of("replaces", first));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.at("/replaces")).isEqualTo(first);
        // Kept as a snapshot, the endorsement comes back with its evidence and its open audit as its events make it.
        Endorsement replayed = AggregateReplay.fromEveryEvent(eventStore, Endorsement.class, "AU-000011");
        assertThat(AggregateReplay.throughSnapshot(snapshots, replayed)).usingRecursiveComparison()
                .isEqualTo(replayed);
        assertThat(replayed).hasFieldOrPropertyWithValue("evidence.auditOpen", true);
        assertThat(replayed).extracting("evidence.items").asInstanceOf(InstanceOfAssertFactories.MAP).hasSize(2);
        Response accepted = coordinator.post(evidence + "/" + second.at("/attachmentId") + "/acceptance", null);
        assertThat(accepted.at("/state")).isEqualTo("ACCEPTED");
        Response closed = coordinator.get(evidence);
        assertThat(closed.at("/audit/state")).isEqualTo("CLOSED");
        assertThat(closed.at("/audit/closedOn")).isEqualTo("2027-10-15");
        assertThat(closed.body().get("items").findValuesAsText("state")).containsExactly("REPLACED", "ACCEPTED");
        assertThat(coordinator.get("/api/endorsements/renewal-audits").body().findValuesAsText("endorsementNumber"))
                .doesNotContain("AU-000011");

        // The read model rebuilt from the event store reads as it did.
        List<Map<String, Object>> before = evidenceRows();
        ApiClient operator = ApiClient.onPort(port).as("au", "operator-1", "PLATFORM_ADMIN");
        Response started = operator.post("/api/endorsements/read-models/renewal-evidence/rebuilds", null);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String progress = "/api/endorsements/read-models/rebuilds/" + started.at("/id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(operator.get(progress).at("/status")));
        assertThat(operator.get(progress).at("/status")).isEqualTo("DONE");
        assertThat(evidenceRows()).isEqualTo(before);

        Response renewed = coordinator.post("/api/endorsements/AU-000011/renewal/approval", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        assertThat(renewed.at("/validThrough")).isEqualTo("2028-12-31");
    }

    /**
     * 64 attachments at once, eight on each of eight endorsements (four of them one request sent four times): no
     * request fails with a server error, every attachment answered is recorded once, and no file is kept that no event
     * records.
     */
    @Test
    void sixtyFourAttachmentsAtOnceAreEachRecordedOrRefusedAsAConflictAndLeaveNoFileBehind() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            numbers.add("MA-%06d".formatted(401 + n));
            grant("ma", numbers.get(n), "person-" + (401 + n), "IFS", CYCLE_CLOSES);
        }
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                int endorsement = i % 8;
                String number = numbers.get(endorsement);
                ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-" + (401 + endorsement), "APPLICANT");
                String key = endorsement == 0 && i < 32 ? "the-same-request" : "request-" + i;
                targets.add(number);
                keys.add(key);
                sent.add(pool.submit(() -> {
                    start.await();
                    return attach(endorsee, number, "certificate.pdf", "application/pdf", PDF, 2027, key);
                }));
            }
            start.countDown();
            Map<String, Set<String>> recorded = new ConcurrentHashMap<>();
            Set<String> sameRequest = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 64; i++) {
                Response answer = sent.get(i).get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.text()).isIn(200, 409);
                if (answer.status() == 200 && keys.get(i).equals("the-same-request")) {
                    sameRequest.add(answer.at("/attachmentId"));
                }
                if (answer.status() == 200) {
                    recorded.computeIfAbsent(targets.get(i), n -> ConcurrentHashMap.newKeySet())
                            .add(answer.at("/attachmentId"));
                } else {
                    assertThat(answer.at("/rule")).isEqualTo("concurrent-change");
                }
            }
            for (String number : numbers) {
                int events = countEvents(number, "EvidenceAttached");
                assertThat(events).isEqualTo(recorded.getOrDefault(number, Set.of()).size());
                assertThat(objectsOf("ma", number)).as(number).hasSize(events);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM renewal_evidence WHERE endorsement_number = ?",
                        Integer.class, number)).isEqualTo(events);
            }
            assertThat(recorded.values().stream().mapToInt(Set::size).sum()).isGreaterThanOrEqualTo(8);
            assertThat(sameRequest).as("one request sent four times is one attachment").hasSizeLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private void submit(String tenant, String number, String person) {
        Response submitted = ApiClient.onPort(port).as(tenant, person, "APPLICANT")
                .post("/api/endorsements/" + number + "/renewal", null);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    }

    private Response attach(ApiClient client, String number, String fileName, String type, byte[] bytes, int year,
                            String idempotencyKey) {
        return attach(client, number, fileName, type, bytes, year, idempotencyKey, Map.of());
    }

    private Response attach(ApiClient client, String number, String fileName, String type, byte[] bytes, int year,
                            String idempotencyKey, Map<String, String> more) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(more);
        fields.put("year", String.valueOf(year));
        return Uploads.attach(client, port, number, fileName, type, bytes, fields, idempotencyKey);
    }

    private static void assertRefused(Response refused, String rule) {
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.at("/errors/0/field")).isEqualTo("file");
        assertThat(refused.at("/errors/0/rule")).isEqualTo(rule);
    }

    private static MimeMessage awaitMail(String address, String subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(address).stream()
                .anyMatch(mail -> SmtpServer.subject(mail).contains(subject)));
        return RealInfrastructure.smtp().receivedFor(address).stream()
                .filter(mail -> SmtpServer.subject(mail).contains(subject)).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> evidenceRows() {
        List<Map<String, Object>> rows = new ArrayList<>(
                jdbc.queryForList("SELECT * FROM renewal_evidence ORDER BY attachment_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM renewal_audit ORDER BY endorsement_number, valid_through"));
        return rows;
    }

    /** The keys of the files kept for the endorsement in the association's part of the store. */
    private List<String> objectsOf(String tenant, String number) {
        return s3().listObjectsV2(request -> request.bucket(bucket()).prefix(tenant + "/endorsements/" + number + "/"))
                .contents().stream().map(object -> object.key()).collect(Collectors.toList());
    }

    private String bucket() {
        return environment.getRequiredProperty("iecmh.files.bucket");
    }

    private static synchronized S3Client s3() {
        if (s3 == null) {
            S3Server server = RealInfrastructure.s3();
            s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.of(server.region()))
                    .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                    .build();
        }
        return s3;
    }

    /** The smallest picture: a PNG signature and its header chunk, which is what the file rules read. */
    private static byte[] png() {
        byte[] bytes = new byte[64];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }
}
