package org.iecmh.endorsement.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericEventMessage;
import org.iecmh.endorsement.contracts.EndorsementInactivated;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.messaging.IntegrationEventPublisher;
import org.iecmh.endorsement.testkit.Given;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Badges the platform issued, checked outside Java: {@code src/test/node/verify.mjs} runs on Node.js with the
 * {@code jose} library at the version {@code package-lock.json} pins ({@code npm ci}), and resolves the key and the
 * status lists from the badges' own URLs. It must accept an active badge, and the same baked into its PNG picture,
 * report a suspended and a revoked one, and reject one with a changed byte. Needs {@code node} and {@code npm} on the PATH (.ci/run has them).
 */
@SpringBootTest(classes = RegistryServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RegistryServiceApplication.NAME,
                "iecmh.badges.base-url=" + NodeBadgeVerifierTest.BASE_URL,
                "iecmh.badges.generate-missing-keys=true"})
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeBadgeVerifierTest {

    static final String BASE_URL = "https://registry.example.org";
    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/node-verifier");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    IntegrationEventPublisher publisher;

    ApiClient publicVisitor;

    @Autowired
    Environment environment;

    @BeforeAll
    void installTheVerifier() throws Exception {
        PublishedAssociations.publish(environment, PublishedAssociations.seed());
        publicVisitor = ApiClient.onPort(port);
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "verify.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Duration.ofMinutes(5));
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    @Test
    void nodeAndJoseAcceptAnActiveBadgeReportSuspendedAndRevokedOnesAndRejectATamperedOne() throws Exception {
        grant("MA-000701", "Node Nasturtium", "IFA");
        grant("MA-000702", "Node Nigella", "IFS");
        grant("MA-000703", "Node Narcissus", "IMHS");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> publicVisitor.get("/api/registry/endorsees?name=node").body().size() == 3);
        Map<String, String> badges = new LinkedHashMap<>();
        badges.put("active", badge("MA-000701"));
        badges.put("suspended", badge("MA-000702"));
        badges.put("revoked", badge("MA-000703"));
        badges.put("tampered", tamper(badges.get("active"), "Node Nasturtium", "Node Nasturtiun"));
        // The badge's picture, as someone would receive it: the verifier finds the badge baked into the PNG.
        Files.write(WORK.resolve("picture.png"), bytes("/api/registry/endorsements/MA-000701/badge.png"));

        publish(new EndorsementInactivated("ma", "MA-000702", Instant.parse("2027-02-01T12:00:00Z")));
        publish(new EndorsementRevoked("ma", "MA-000703", Instant.parse("2027-02-01T12:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> verdict(badges.get("suspended")).equals("SUSPENDED")
                && verdict(badges.get("revoked")).equals("REVOKED"));

        Map<String, JsonNode> judged = verifyWithNode(badges);

        assertThat(judged.get("active").get("verdict").asText()).isEqualTo("VALID");
        assertThat(judged.get("active").get("detail").asText()).contains("Infant Family Associate");
        assertThat(judged.get("suspended").get("verdict").asText()).isEqualTo("SUSPENDED");
        assertThat(judged.get("revoked").get("verdict").asText()).isEqualTo("REVOKED");
        assertThat(judged.get("tampered").get("verdict").asText()).isEqualTo("INVALID");
        assertThat(judged.get("tampered").get("detail").asText()).contains("signature");
        assertThat(judged.get("picture").get("verdict").asText()).isEqualTo("VALID");
        assertThat(judged.get("picture").get("detail").asText()).contains("Infant Family Associate");
    }

    /** Writes the badges where the verifier reads them and runs it; its answers by badge name. */
    private Map<String, JsonNode> verifyWithNode(Map<String, String> badges) throws Exception {
        List<Map<String, String>> list = new java.util.ArrayList<>(badges.entrySet().stream()
                .map(badge -> Map.of("name", badge.getKey(), "jwt", badge.getValue())).toList());
        list.add(Map.of("name", "picture", "png", "picture.png"));
        Files.writeString(WORK.resolve("badges.json"), JSON.writeValueAsString(Map.of("publicBase", BASE_URL,
                "reachAt", "http://localhost:" + port, "badges", list)));
        Run verification = run(List.of("node", "verify.mjs", "badges.json"), Duration.ofMinutes(1));
        assertThat(verification.exitCode()).as(verification.output()).isZero();
        assertThat(verification.output()).contains(list.size() + " passed, 0 failed");
        Map<String, JsonNode> judged = new LinkedHashMap<>();
        for (String line : verification.output().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode answer = JSON.readTree(line);
                judged.put(answer.get("name").asText(), answer);
            }
        }
        assertThat(judged).as(verification.output()).hasSize(list.size());
        return judged;
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " took longer than " + limit);
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    private byte[] bytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private String badge(String number) throws IOException, InterruptedException {
        HttpResponse<String> badge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/registry/badges/" + number))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badge.statusCode()).as(badge.body()).isEqualTo(200);
        return badge.body();
    }

    private String verdict(String badge) {
        return publicVisitor.post("/api/registry/badges/verifications", Map.of("credential", badge))
                .at("/verdict");
    }

    private static String tamper(String jwt, String from, String to) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains(from);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(from, to).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private void grant(String number, String name, String category) {
        publish(Given.grantedEndorsement(number).named(name).in(category).event());
    }

    private void publish(IntegrationEvent event) {
        publisher.publish(event, new GenericEventMessage<>(event, Map.of(AuditMetadata.TENANT, event.tenantId())));
    }
}
