package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.mail.internet.MimeMessage;
import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.contracts.association.EvidenceVersion;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Evidence on real infrastructure (PostgreSQL, Kafka, the S3 server): files attached to portfolio entries, refused by
 * what their bytes are, read back only as recorded, seen only by those who may, confirmed by the supervision provider
 * through a mailed link, and carried in the person's signed export.
 */
class EvidenceServiceTest extends ServiceTestBase {

    /** Massachusetts' limits in these stories: small, so that a story can reach them. */
    static final long FILE_LIMIT = 100_000;
    static final long APPLICATION_LIMIT = 300_000;
    static final Pattern CONFIRMATION_LINK = Pattern.compile(Pattern.quote(LINK_BASE)
            + "/confirm-supervision\\.html#([A-Za-z0-9_-]{43})");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${iecmh.files.bucket}")
    String bucket;

    @BeforeEach
    void massachusettsLimitsEvidence() {
        PublishedAssociations.publish(environment, PublishedAssociations.seeded("ma").withEvidence(List.of(
                new EvidenceVersion(LocalDate.of(2020, 1, 1), FILE_LIMIT, APPLICATION_LIMIT))));
    }

    @Test
    void anApplicantAttachesATranscriptAndReadsBackTheBytesRecorded() throws Exception {
        String id = start("Ada Evidence", "IFA");
        String entry = education(id);
        byte[] transcript = pdf("transcript of Ada");

        Response attached = upload(applicant, id, entry, "transcript.pdf", "application/pdf", transcript, null);
        Response again = upload(applicant, id, entry, "transcript.pdf", "application/pdf", transcript, null);

        assertThat(attached.status()).as(attached.text()).isEqualTo(201);
        assertThat(attached.at("/contentType")).isEqualTo("application/pdf");
        assertThat(attached.at("/sha256")).isEqualTo(sha256(transcript));
        assertThat(attached.at("/size")).isEqualTo(String.valueOf(transcript.length));
        assertThat(attached.at("/entryId")).isEqualTo(entry);
        assertThat(again.at("/attachmentId")).isEqualTo(attached.at("/attachmentId"));
        assertThat(eventTypes(id).stream().filter("FileAttached"::equals)).hasSize(1);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%.FileAttached'", String.class, id);
        assertThat(JSON.readTree(stored).at("/file/sha256").asText()).isEqualTo(sha256(transcript));
        assertThat(objects(id)).hasSize(1);
        assertThat(new String(bytesOf(objects(id).get(0).key()), StandardCharsets.ISO_8859_1))
                .doesNotContain("transcript of Ada");
        Response listed = applicant.get(attachments(id));
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.at("/0/fileName")).isEqualTo("transcript.pdf");

        HttpResponse<byte[]> download = download(applicant, id, attached.at("/attachmentId"));

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(transcript);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256(transcript) + "\"");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("transcript.pdf");

        assertThat(applicant.delete(attachments(id) + "/" + attached.at("/attachmentId")).status()).isEqualTo(204);
        assertThat(applicant.get(attachments(id)).body()).isEmpty();
        Response attachedAgain = upload(applicant, id, entry, "transcript.pdf", "application/pdf", transcript, null);
        assertThat(attachedAgain.status()).isEqualTo(201);
        assertThat(attachedAgain.at("/attachmentId")).isEqualTo(attached.at("/attachmentId"));
        assertThat(applicant.get(attachments(id)).body()).hasSize(1);
        assertThat(eventTypes(id)).containsSubsequence("FileAttached", "AttachmentRemoved", "FileAttached");
    }

    @Test
    void aFileSentUnderTheSameKeyEvenTwiceAtOnceIsAttachedOnceAndAnotherFileUnderItIsRefused() throws Exception {
        String id = start("Ida Key", "IFA");
        String entry = education(id);

        List<Response> both = twoAtOnce(() -> upload(applicant, id, entry, "a.pdf", "application/pdf", pdf("first"),
                "key-1"));
        Response first = both.get(0);
        Response retried = upload(applicant, id, entry, "a.pdf", "application/pdf", pdf("first"), "key-1");
        Response other = upload(applicant, id, entry, "b.pdf", "application/pdf", pdf("second"), "key-1");

        assertThat(both).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(201));
        assertThat(both.get(1).at("/attachmentId")).isEqualTo(first.at("/attachmentId"));
        assertThat(retried.at("/attachmentId")).isEqualTo(first.at("/attachmentId"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.at("/rule")).isEqualTo("attachment-exists");
        assertThat(eventTypes(id).stream().filter("FileAttached"::equals)).hasSize(1);
        assertThat(objects(id)).hasSize(1);
    }

    @Test
    void aDisguisedFileAnOversizedOneAndOneBeyondTheApplicationsLimitAreRefusedAndNothingIsStored() throws Exception {
        String id = start("Dee Disguise", "IFA");
        String entry = education(id);
        byte[] zip = zipNamed("transcript.pdf");
        byte[] exe = concat("MZ".getBytes(StandardCharsets.US_ASCII), new byte[200]);

        Response zipAsPdf = upload(applicant, id, entry, "transcript.pdf", "application/pdf", zip, null);
        Response exeAsPdf = upload(applicant, id, entry, "certificate.pdf", "application/pdf", exe, null);
        Response pngAsPdf = upload(applicant, id, entry, "scan.pdf", null, png(500), null);
        Response tooLarge = upload(applicant, id, entry, "big.pdf", "application/pdf",
                pdf("x".repeat((int) FILE_LIMIT)), null);
        Response empty = upload(applicant, id, entry, "empty.pdf", "application/pdf", new byte[0], null);

        assertThat(zipAsPdf.status()).isEqualTo(400);
        assertThat(zipAsPdf.at("/errors/0/field")).isEqualTo("file");
        assertThat(zipAsPdf.at("/errors/0/rule")).isEqualTo("FileTypeNotAllowed");
        assertThat(exeAsPdf.at("/errors/0/rule")).isEqualTo("FileTypeNotAllowed");
        assertThat(pngAsPdf.at("/errors/0/rule")).isEqualTo("FileNameMismatch");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.at("/errors/0/rule")).isEqualTo("FileTooLarge");
        assertThat(empty.at("/errors/0/rule")).isEqualTo("FileEmpty");
        for (int i = 0; i < 3; i++) {
            assertThat(upload(applicant, id, entry, "part" + i + ".pdf", "application/pdf",
                    pdf(i + "y".repeat(90_000)), null).status()).isEqualTo(201);
        }
        Response beyond = upload(applicant, id, entry, "part3.pdf", "application/pdf", pdf("3" + "y".repeat(90_000)),
                null);
        assertThat(beyond.status()).isEqualTo(409);
        assertThat(beyond.at("/rule")).isEqualTo("application-files-too-large");
        assertThat(eventTypes(id).stream().filter("FileAttached"::equals)).hasSize(3);
        assertThat(objects(id)).hasSize(3);
    }

    @Test
    void aTamperedOrMissingObjectIsRefusedWithAProblemAndNoBytes() throws Exception {
        String id = start("Tam Per", "IFA");
        String entry = education(id);
        byte[] transcript = pdf("the true transcript");
        String tampered = upload(applicant, id, entry, "t.pdf", "application/pdf", transcript, null)
                .at("/attachmentId");
        String missing = upload(applicant, id, entry, "m.pdf", "application/pdf", pdf("another"), null)
                .at("/attachmentId");
        String tamperedKey = objects(id).stream().filter(o -> o.key().contains(tampered)).findFirst()
                .orElseThrow().key();
        String missingKey = objects(id).stream().filter(o -> o.key().contains(missing)).findFirst()
                .orElseThrow().key();
        try (S3Client s3 = s3()) {
            ResponseBytes<GetObjectResponse> original = s3.getObjectAsBytes(r -> r.bucket(bucket).key(tamperedKey));
            byte[] altered = original.asByteArray();
            altered[altered.length - 20] ^= 0x01;
            s3.putObject(r -> r.bucket(bucket).key(tamperedKey).metadata(original.response().metadata()),
                    RequestBody.fromBytes(altered));
            s3.deleteObject(r -> r.bucket(bucket).key(missingKey));
        }

        HttpResponse<byte[]> notAuthentic = download(coordinator, id, tampered);
        HttpResponse<byte[]> gone = download(coordinator, id, missing);

        assertThat(notAuthentic.statusCode()).isEqualTo(502);
        assertThat(notAuthentic.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(notAuthentic.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:iecmh:problem:file-not-authentic");
        assertThat(problem.get("rule").asText()).isEqualTo("file-not-authentic");
        assertThat(new String(notAuthentic.body(), StandardCharsets.ISO_8859_1)).doesNotContain("the true transcript");
        assertThat(gone.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(gone.body()).get("type").asText()).isEqualTo("urn:iecmh:problem:file-missing");
    }

    @Test
    void reviewersSeeEvidenceOnlyOnApplicationsAssignedToThemAndAnotherAssociationNever() throws Exception {
        String id = inReview("Rae Viewed", "IFA");
        String entry = applicant.get("/api/applications/" + id + "/portfolio").at("/0/entryId");
        Response late = upload(applicant, id, entry, "late.pdf", "application/pdf", pdf("late"), null);
        Response byCoordinator = upload(coordinator, id, entry, "transcript.png", "image/png", png(800), null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.at("/rule")).isEqualTo("portfolio-closed");
        assertThat(byCoordinator.status()).as(byCoordinator.text()).isEqualTo(201);
        String attachment = byCoordinator.at("/attachmentId");
        assertThat(coordinator.post("/api/applications/" + id + "/reviewers",
                Map.of("reviewers", List.of("reviewer-ana", "reviewer-kim"))).status()).isEqualTo(200);
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR");
        ApiClient otherApplicant = ApiClient.onPort(port).as("ma", "applicant-" + UUID.randomUUID(), "APPLICANT");
        ApiClient waCoordinator = ApiClient.onPort(port).as("wa", "coordinator-wa", "COORDINATOR");

        assertThat(ana.get(attachments(id)).body()).hasSize(1);
        assertThat(download(ana, id, attachment).body()).isEqualTo(png(800));
        assertThat(download(applicant, id, attachment).statusCode()).isEqualTo(200);
        assertThat(download(auditor, id, attachment).statusCode()).isEqualTo(200);
        assertThat(lee.get(attachments(id)).status()).isEqualTo(404);
        assertThat(download(lee, id, attachment).statusCode()).isEqualTo(404);
        assertThat(download(otherApplicant, id, attachment).statusCode()).isEqualTo(404);
        assertThat(waCoordinator.get(attachments(id)).status()).isEqualTo(404);
        assertThat(download(waCoordinator, id, attachment).statusCode()).isEqualTo(404);
        assertThat(upload(waCoordinator, id, entry, "x.pdf", "application/pdf", pdf("x"), null).status())
                .isEqualTo(404);
        assertThat(upload(ana, id, entry, "x.pdf", "application/pdf", pdf("x"), null).status()).isEqualTo(403);
        assertThat(auditor.get("/api/applications/" + id + "/history").text()).contains("FileAttached")
                .contains(sha256(png(800)));
    }

    @Test
    void theProviderCorrectsOneSessionByTheMailedLinkWhichThenNoLongerWorks() throws Exception {
        String id = start("Sue Pervised", "IFA");
        String first = supervision(id, "2026-05-04", 2);
        String second = supervision(id, "2026-06-01", 1.5);
        String email = "provider-" + applicantId + "@example.org";

        Response asked = applicant.post("/api/applications/" + id + "/portfolio/supervision-confirmations",
                Map.of("providerEndorsementNumber", "MA-P-0102", "providerName", "Kim Lee", "providerEmail", email));

        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        assertThat(asked.at("/status")).isEqualTo("REQUESTED");
        String link = confirmationLinkMailedTo(email);
        Response form = ApiClient.onPort(port).get("/api/supervision-confirmations/" + link);
        assertThat(form.status()).as(form.text()).isEqualTo(200);
        assertThat(form.at("/applicantName")).isEqualTo("Sue Pervised");
        assertThat(form.body().get("sessions")).hasSize(2);

        Response answered = ApiClient.onPort(port).post("/api/supervision-confirmations/" + link, Map.of("sessions",
                List.of(Map.of("entryId", first, "heldOn", "2026-05-04", "hours", 2),
                        Map.of("entryId", second, "heldOn", "2026-06-01", "hours", 1, "note", "An hour, not 1.5"))));
        Response reused = ApiClient.onPort(port).post("/api/supervision-confirmations/" + link, Map.of());

        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.at("/rule")).isEqualTo("supervision-link-used");
        assertThat(ApiClient.onPort(port).get("/api/supervision-confirmations/" + link).status()).isEqualTo(410);
        Response confirmations = coordinator.get("/api/applications/" + id + "/portfolio/supervision-confirmations");
        assertThat(confirmations.at("/0/status")).isEqualTo("CORRECTED");
        assertThat(confirmations.body().get(0).get("corrections")).hasSize(1);
        assertThat(confirmations.at("/0/corrections/0/entryId")).isEqualTo(second);
        assertThat(confirmations.at("/0/corrections/0/note")).isEqualTo("An hour, not 1.5");
        Response portfolio = coordinator.get("/api/applications/" + id + "/portfolio");
        Map<String, String> marks = new LinkedHashMap<>();
        portfolio.body().forEach(e -> marks.put(e.get("entryId").asText(), e.get("supervisionConfirmation").asText()));
        assertThat(marks).containsEntry(first, "CONFIRMED").containsEntry(second, "CORRECTED");
        List<String> metaData = jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%.SupervisionConfirmed'", String.class, id);
        assertThat(metaData).hasSize(1);
        assertThat(JSON.readTree(metaData.get(0)).get("subject").asText()).isEqualTo("supervisor:"
                + asked.at("/confirmationId"));
        assertThat(JSON.readTree(metaData.get(0)).get("tenantId").asText()).isEqualTo("ma");
    }

    @Test
    void aProviderConfirmsTheSessionsAsLoggedAndAnExpiredLinkIsRefused() throws Exception {
        String id = start("Con Firmed", "IFA");
        String session = supervision(id, "2026-04-02", 1);
        String email = "provider2-" + applicantId + "@example.org";
        String late = "provider3-" + applicantId + "@example.org";
        applicant.post("/api/applications/" + id + "/portfolio/supervision-confirmations",
                Map.of("providerEndorsementNumber", "MA-P-0102", "providerName", "Kim Lee", "providerEmail", email));
        applicant.post("/api/applications/" + id + "/portfolio/supervision-confirmations",
                Map.of("providerEndorsementNumber", "MA-P-0102", "providerName", "Kim Lee", "providerEmail", late));
        Response nobody = applicant.post("/api/applications/" + id + "/portfolio/supervision-confirmations",
                Map.of("providerEndorsementNumber", "MA-P-9999", "providerName", "No One", "providerEmail",
                        "no-one@example.org"));

        Response confirmed = ApiClient.onPort(port).post("/api/supervision-confirmations/"
                + confirmationLinkMailedTo(email), null);
        String lateLink = confirmationLinkMailedTo(late);
        CLOCK.set(NOW.plus(Duration.ofDays(31)));
        Response expired = ApiClient.onPort(port).post("/api/supervision-confirmations/" + lateLink, null);

        assertThat(nobody.status()).isEqualTo(409);
        assertThat(nobody.at("/rule")).isEqualTo("no-sessions-with-provider");
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.at("/rule")).isEqualTo("supervision-link-expired");
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").at("/0/supervisionConfirmation"))
                .isEqualTo("CONFIRMED");
        assertThat(applicant.get("/api/applications/" + id + "/portfolio").at("/0/entryId")).isEqualTo(session);
        assertThat(ApiClient.onPort(port).get("/api/supervision-confirmations/not-a-link").status()).isEqualTo(404);
    }

    @Test
    void thePersonsSignedExportCarriesTheirFilesWithTheirHashes() throws Exception {
        String id = start("Ex Port", "IFA");
        String entry = education(id);
        byte[] transcript = pdf("exported transcript");
        byte[] photo = png(1_000);
        upload(applicant, id, entry, "transcript.pdf", "application/pdf", transcript, null);
        String removed = upload(applicant, id, entry, "photo.png", "image/png", photo, null).at("/attachmentId");
        assertThat(applicant.delete(attachments(id) + "/" + removed).status()).isEqualTo(204);
        assertThat(applicant.get(attachments(id)).body()).hasSize(1);
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR");

        HttpResponse<byte[]> export = HTTP.send(request(auditor, "/api/audit/applications/people/" + applicantId
                + "/export").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(export.statusCode()).isEqualTo(200);
        Map<String, byte[]> bundle = unzip(export.body());
        assertThat(bundle.keySet()).contains("events.jsonl", "manifest.json", "manifest.jws");
        List<byte[]> files = bundle.entrySet().stream().filter(e -> e.getKey().startsWith("files/"))
                .map(Map.Entry::getValue).toList();
        assertThat(files).hasSize(2);
        assertThat(files).anySatisfy(file -> assertThat(file).isEqualTo(transcript))
                .anySatisfy(file -> assertThat(file).isEqualTo(photo));
        ECKey key = (ECKey) JWKSet.parse(auditor.get("/api/audit/applications/signing-keys").text()).getKeys().get(0);
        JWSObject jws = JWSObject.parse(new String(bundle.get("manifest.jws"), StandardCharsets.US_ASCII));
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jws.getPayload().toBytes()).isEqualTo(bundle.get("manifest.json"));
        JsonNode manifest = JSON.readTree(bundle.get("manifest.json"));
        assertThat(manifest.get("files")).hasSize(3);
        for (JsonNode file : manifest.get("files")) {
            assertThat(sha256(bundle.get(file.get("name").asText()))).isEqualTo(file.get("sha256").asText());
        }
        assertThat(manifest.findValuesAsText("sha256")).contains(sha256(transcript), sha256(photo));
    }

    @Test
    void sixtyFourAttachmentsAtOnceAreAllStoredWithoutAServerError() throws Exception {
        List<String> applications = new ArrayList<>();
        Map<String, ApiClient> owners = new LinkedHashMap<>();
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            clients();
            String id = start("Con Current " + i, "IFA");
            applications.add(id);
            owners.put(id, applicant);
            entries.put(id, education(id));
        }
        List<Callable<Response>> uploads = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String id = applications.get(i % 8);
            byte[] file = pdf("file " + i);
            uploads.add(() -> upload(owners.get(id), id, entries.get(id), "f.pdf", "application/pdf", file, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Response> answers = new ArrayList<>();
        try {
            for (Future<Response> answer : pool.invokeAll(uploads)) {
                answers.add(answer.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(201));
        for (String id : applications) {
            assertThat(owners.get(id).get(attachments(id)).body()).hasSize(8);
            assertThat(eventTypes(id).stream().filter("FileAttached"::equals)).hasSize(8);
            assertThat(objects(id)).hasSize(8);
        }
    }

    @Test
    void theEvidenceEndpointsAreDescribedWithTheRestOfTheApi() {
        JsonNode paths = ApiClient.onPort(port).get("/v3/api-docs").body().get("paths");

        assertThat(paths.has("/api/applications/{applicationId}/portfolio/{entryId}/attachments")).isTrue();
        assertThat(paths.at("/~1api~1applications~1{applicationId}~1portfolio~1{entryId}~1attachments/post"
                + "/requestBody/content").has("multipart/form-data")).isTrue();
        assertThat(paths.has("/api/applications/{applicationId}/portfolio/attachments/{attachmentId}")).isTrue();
        assertThat(paths.has("/api/applications/{applicationId}/portfolio/supervision-confirmations")).isTrue();
        assertThat(paths.has("/api/supervision-confirmations/{token}")).isTrue();
    }

    // --- the steps

    private String education(String id) {
        Response recorded = applicant.post("/api/applications/" + id + "/portfolio/education", DEGREE);
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        return recorded.at("/entryId");
    }

    private String supervision(String id, String heldOn, double hours) {
        Response recorded = applicant.post("/api/applications/" + id + "/portfolio/supervision", Map.of("heldOn",
                heldOn, "hours", hours, "format", "INDIVIDUAL", "providerEndorsementNumber", "MA-P-0102"));
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        return recorded.at("/entryId");
    }

    private static String attachments(String id) {
        return "/api/applications/" + id + "/portfolio/attachments";
    }

    private Response upload(ApiClient who, String id, String entry, String fileName, String contentType,
                            byte[] bytes, String idempotencyKey) throws IOException, InterruptedException {
        String boundary = "----evidence" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = request(who, "/api/applications/" + id + "/portfolio/" + entry + "/attachments")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Response(response.statusCode(), type, type.contains("json") ? JSON.readTree(response.body())
                : JSON.nullNode(), response.body());
    }

    private HttpResponse<byte[]> download(ApiClient who, String id, String attachmentId) throws Exception {
        return HTTP.send(request(who, attachments(id) + "/" + attachmentId).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(ApiClient who, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        who.identityHeaders().forEach(request::header);
        return request;
    }

    private static String confirmationLinkMailedTo(String email) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !RealInfrastructure.smtp().receivedFor(email).isEmpty());
        MimeMessage mail = RealInfrastructure.smtp().receivedFor(email).get(0);
        Matcher link = CONFIRMATION_LINK.matcher(SmtpServer.plainText(mail));
        assertThat(link.find()).as(SmtpServer.plainText(mail)).isTrue();
        return link.group(1);
    }

    private S3Client s3() {
        return S3Client.builder()
                .endpointOverride(RealInfrastructure.s3().endpoint())
                .region(Region.of(RealInfrastructure.s3().region()))
                .forcePathStyle(true)
                // As the store's own client: s3proxy implements no trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        RealInfrastructure.s3().accessKey(), RealInfrastructure.s3().secretKey())))
                .build();
    }

    /** The objects the store keeps for the application. */
    private List<S3Object> objects(String id) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2(r -> r.bucket(bucket).prefix("ma/applications/" + id + "/")).contents();
        }
    }

    private byte[] bytesOf(String key) {
        try (S3Client s3 = s3()) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        }
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] png(int size) {
        byte[] png = new byte[size];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        for (int i = magic.length; i < size; i++) {
            png[i] = (byte) (i * 31);
        }
        return png;
    }

    private static byte[] zipNamed(String inner) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(inner));
            zip.write("not a transcript".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
}
