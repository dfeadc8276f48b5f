package org.iecmh.endorsement.local;

import org.iecmh.endorsement.kit.time.RehearsalClock;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.OidcSignIn;
import org.iecmh.endorsement.testkit.PostgresServer;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.S3Server;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;


import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform (the identity provider, the four services and the gateway on the test JVM's PostgreSQL server
 * and Kafka broker) started once per test JVM by the first test class that extends with it, and stopped when the
 * JVM's tests are done: starting it costs far more than any story run on it. Test classes that share it keep to
 * records of their own.
 */
final class RunningPlatform implements BeforeAllCallback, AutoCloseable {

    /** Prefix of the platform's Kafka topics and consumer groups. */
    static final String PREFIX = "e2e.";
    /** How long one hop through Kafka may take. */
    static final Duration HOP = Duration.ofSeconds(30);
    /** How long the access tokens of a browser's session last; the gateway refreshes them REFRESH_BEFORE their end. */
    static final Duration SESSION_TOKENS = Duration.ofSeconds(20);
    static final Duration REFRESH_BEFORE = Duration.ofSeconds(5);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningPlatform.class);
    private static volatile RunningPlatform running;

    private final LocalJvm identity;
    private final String issuer;
    private final Platform platform;
    private final CardProcessorStandIn cards;
    private final Map<String, String> databases;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** For {@code @ExtendWith}: the instance JUnit makes only looks the running platform up, or starts it. */
    RunningPlatform() {
        this(null, null, null, null, Map.of());
    }

    private RunningPlatform(LocalJvm identity, String issuer, Platform platform, CardProcessorStandIn cards,
                            Map<String, String> databases) {
        this.identity = identity;
        this.issuer = issuer;
        this.platform = platform;
        this.cards = cards;
        this.databases = databases;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningPlatform.class, key -> start(), RunningPlatform.class);
    }

    static RunningPlatform get() {
        if (running == null) {
            throw new IllegalStateException("Extend the test class with RunningPlatform");
        }
        return running;
    }

    private static RunningPlatform start() {
        int identityPort = freePort();
        int gatewayPort = freePort();
        String issuer = "http://localhost:" + identityPort;
        // The gateway signs the browsers in and is sent back to its callback. Its access tokens last SESSION_TOKENS
        // only, so that every browser story goes through refreshed tokens, and one sees a token end mid-form.
        LocalJvm identity = LocalJvm.start("identity provider",
                Path.of("../../identity/target/identity-exec.jar").toAbsolutePath().normalize(), identityPort,
                List.of("--iecmh.identity.gateway-redirect-uris=http://localhost:" + gatewayPort
                                + "/login/oauth2/code/identity",
                        "--iecmh.identity.gateway-access-token-lifetime=" + SESSION_TOKENS),
                Path.of("target/e2e-logs/identity.log"), Duration.ofSeconds(120));
        PostgresServer postgres = RealInfrastructure.postgres();
        Map<String, String> databases = new HashMap<>();
        Platform.databases().forEach(name -> databases.put(name, postgres.createDatabase("e2e " + name)));
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        Platform.serviceNames().forEach(name -> servicePorts.put(name, freePort()));
        // Card payments go to a stand-in of Stripe in test mode, which calls the gateway's webhook as Stripe would.
        CardProcessorStandIn cards = CardProcessorStandIn.start(0,
                "http://localhost:" + gatewayPort + "/api/payments/card-webhooks");
        // The services run on a rehearsal clock set to the real time: the same as the real one until a story moves it.
        Instant now = Instant.now();
        List<String> serviceArguments = new ArrayList<>(List.of(
                "--spring.mail.host=" + RealInfrastructure.smtp().host(),
                "--spring.mail.port=" + RealInfrastructure.smtp().port(),
                "--iecmh.clock.start=" + now, "--iecmh.clock.set-at=" + now));
        serviceArguments.addAll(cards.paymentServiceArguments());
        // Evidence files go to the test JVM's S3 server, in buckets of this platform's own.
        S3Server s3 = RealInfrastructure.s3();
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Platform.ObjectStore files = new Platform.ObjectStore(s3.endpoint().toString(), s3.accessKey(),
                s3.secretKey(), "e2e-" + gatewayPort + "-", Base64.getEncoder().encodeToString(masterKey));
        Platform platform = Platform.start(
                new Platform.Infrastructure(name -> postgres.jdbcUrl(databases.get(name)), postgres.username(),
                        postgres.password(), RealInfrastructure.kafka().bootstrapServers(), PREFIX, issuer, files),
                new Platform.Ports(gatewayPort, servicePorts),
                Path.of("../../gateway/target/gateway-exec.jar").toAbsolutePath().normalize(),
                Path.of("target/e2e-logs"), serviceArguments, gatewayArguments(cards));
        return new RunningPlatform(identity, issuer, platform, cards, Map.copyOf(databases));
    }

    private static List<String> gatewayArguments(CardProcessorStandIn cards) {
        List<String> arguments = new ArrayList<>(cards.gatewayArguments());
        arguments.add("--iecmh.web.refresh-before=" + REFRESH_BEFORE);
        return arguments;
    }

    @Override
    public void close() {
        if (platform != null) {
            platform.close();
        }
        if (identity != null) {
            identity.close();
        }
        if (cards != null) {
            cards.close();
        }
    }

    Platform platform() {
        return platform;
    }

    String gatewayUrl() {
        return platform.gatewayUrl();
    }

    String issuer() {
        return issuer;
    }

    /**
     * Moves every service's clock to {@code instant}, from where it runs on (the identity provider and the gateway keep
     * the real time, so tokens stay valid). A story that moves time puts it back to the real time when it is done.
     */
    void moveClocksTo(Instant instant) {
        for (String service : Platform.serviceNames()) {
            ((RehearsalClock) platform.service(service).getBean(Clock.class)).moveTo(instant);
        }
    }

    /** A bean of a service of the platform, such as renewal-service's schedule. */
    <T> T bean(String service, Class<T> type) {
        return platform.service(service).getBean(type);
    }

    /** The name of the service's database on the test JVM's PostgreSQL server. */
    String database(String service) {
        return databases.get(service);
    }

    /** A demo user signed in at the identity provider (authorization code with PKCE), acting in a tenant. */
    ApiClient signedIn(String user, String tenant) {
        return signedIn(user, tenant, gatewayUrl());
    }

    /** The same, calling {@code base}: the gateway or a service directly. */
    ApiClient signedIn(String user, String tenant, String base) {
        return ApiClient.at(base).withToken(accessToken(user)).withHeaders(Map.of("X-Tenant-Id", tenant));
    }

    /** The user's access token, signed in once per test run (tokens last 30 minutes). */
    String accessToken(String user) {
        return tokens.computeIfAbsent(user, name -> new OidcSignIn(issuer, "cli",
                "http://127.0.0.1:8400/callback").accessToken(name, "demo"));
    }

    /**
     * The applicant names the raters; each rater opens the link mailed to them through the gateway, without an
     * account, and sends the form once (a second time is refused). Answers the form's API paths, spent.
     */
    List<String> referencesByMail(ApiClient applicant, String applicationId, String applicantName,
                                  List<String> raters, boolean waivesAccess) {
        ApiClient gateway = ApiClient.at(gatewayUrl());
        for (String rater : raters) {
            Response named = applicant.post("/api/applications/" + applicationId + "/references", Map.of("name",
                    "Rater " + rater.substring(0, 3), "email", rater, "relationship", "OTHER",
                    "waivesAccess", waivesAccess));
            assertThat(named.status()).as(named.text()).isEqualTo(201);
        }
        List<String> links = new ArrayList<>();
        for (String rater : raters) {
            String link = linkMailedTo(rater);
            assertThat(link).startsWith(gatewayUrl() + "/rate.html#");
            String path = formPathOf(link);
            assertThat(gateway.get(path).at("/applicantName")).isEqualTo(applicantName);
            Map<String, Object> answers = new LinkedHashMap<>();
            gateway.get(path).body().get("items").findValuesAsText("id").forEach(item -> answers.put(item, "4"));
            Response rated = gateway.post(path, Map.of("knownForMonths", 36, "answers", answers));
            assertThat(rated.status()).as(rated.text()).isEqualTo(200);
            assertThat(gateway.post(path, Map.of("knownForMonths", 36, "answers", answers)).status()).isEqualTo(410);
            links.add(path);
        }
        return links;
    }

    /**
     * The applicant starts an application ({@code start}: name, category, contact email and state of residence),
     * first becoming a member where the association asks applicants to be members before they apply (Washington): a
     * coordinator invoices the membership dues and records a check for them, once per person, and the application
     * starts once application-service has heard of the membership.
     */
    Response started(ApiClient applicant, Map<String, ?> start) {
        memberWhereAsked(applicant);
        Response[] started = new Response[1];
        await("the start, once the membership is known").atMost(HOP).until(() -> {
            started[0] = applicant.post("/api/applications", start);
            return !"membership-required".equals(started[0].at("/rule"));
        });
        return started[0];
    }

    /**
     * Where the association asks applicants to be members before they apply (Washington), a coordinator invoices the
     * applicant's membership dues and records a check for them, once per person. Application-service hears of the
     * membership through Kafka, a moment later.
     */
    void memberWhereAsked(ApiClient applicant) {
        String tenant = applicant.identityHeaders().get("X-Tenant-Id");
        if (applicant.get("/api/payments/membership-policy").body().get("requiredToApply").asBoolean()) {
            String person = subjectOf(applicant);
            ApiClient coordinator = signedIn("coordinator-" + tenant, tenant);
            Map<String, String> once = Map.of("Idempotency-Key", "membership-" + person);
            Response invoice = coordinator.post("/api/payments/invoices", Map.of("personId", person,
                    "lines", List.of(Map.of("fee", "MEMBERSHIP_DUES"))), once);
            assertThat(invoice.status()).as(invoice.text()).isIn(200, 201);
            Response paid = coordinator.post("/api/payments/invoices/" + invoice.at("/invoiceId") + "/payments",
                    Map.of("amountCents", invoice.body().at("/total/cents").asLong(),
                            "currency", invoice.at("/total/currency"), "method", "CHECK", "reference", "membership"),
                    once);
            assertThat(paid.at("/status")).as(paid.text()).isEqualTo("PAID");
        }
    }

    /** The subject of the client's access token. */
    private static String subjectOf(ApiClient client) {
        String token = client.identityHeaders().get("Authorization").substring("Bearer ".length());
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return new ObjectMapper().readTree(payload).get("sub").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A submitted application, and the invoice payment-service issued for its fees. */
    record Submitted(String applicationId, String invoiceId) {
    }

    /**
     * Through the APIs: the applicant starts an application ({@code start}: name, category, contact email and state
     * of residence), records the portfolio (a body per section, such as {@code education}), has the raters answer by
     * mail and submits. Answers once payment-service has issued the invoice.
     */
    Submitted submittedApplication(ApiClient applicant, Map<String, Object> start,
                                   Map<String, Map<String, Object>> portfolio, List<String> raters) {
        Response started = started(applicant, start);
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String applicationId = started.at("/applicationId");
        String application = "/api/applications/" + applicationId;
        portfolio.forEach((section, entry) -> {
            Response recorded = applicant.post(application + "/portfolio/" + section, entry);
            assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        });
        referencesByMail(applicant, applicationId, (String) start.get("applicantName"), raters, true);
        Response submitted = applicant.post(application + "/submission", null);
        assertThat(submitted.at("/status")).as(submitted.text()).isEqualTo("SUBMITTED");
        String invoices = "/api/payments/invoices?applicationId=" + applicationId;
        await("the invoice").atMost(HOP).until(() -> applicant.get(invoices).body().size() == 1);
        return new Submitted(applicationId, applicant.get(invoices).body().get(0).get("invoiceId").asText());
    }

    /**
     * The association's admin records the demo reviewers' endorsements held before the platform (a portfolio's
     * reviewers must be endorsed), unless a story that ran before on this platform did.
     */
    void reviewersEndorsedBefore(String tenant) {
        ApiClient admin = signedIn("admin-" + tenant, tenant);
        String association = tenant.toUpperCase(Locale.ROOT);
        List<Map<String, Object>> earlier = List.of(
                Map.of("endorsementNumber", association + "-P-0001", "subject", "reviewer-" + tenant,
                        "name", "Ana Lima", "category", "IMHM-C", "endorsedSince", "2015-06-01"),
                Map.of("endorsementNumber", association + "-P-0002", "subject", "reviewer2-" + tenant,
                        "name", "Kim Lee", "category", "IMHS", "endorsedSince", "2018-02-01"));
        for (Map<String, Object> endorsement : earlier) {
            Response recorded = admin.post("/api/applications/prior-endorsements", endorsement);
            assertThat(recorded.status()).as(recorded.text()).isIn(201, 409);
        }
    }

    /**
     * The staff's part of an application in review, through the APIs: the coordinator assigns the two demo
     * reviewers, both approve, and the coordinator grants. Answers the endorsement number, once renewal-service keeps
     * the endorsement and the registry shows it.
     */
    String grantedThroughTheApis(String tenant, String applicationId) {
        reviewersEndorsedBefore(tenant);
        ApiClient coordinator = signedIn("coordinator-" + tenant, tenant);
        String application = "/api/applications/" + applicationId;
        Response assigned = coordinator.post(application + "/reviewers", Map.of("reviewers",
                List.of("reviewer-" + tenant, "reviewer2-" + tenant)));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        for (String reviewer : List.of("reviewer-" + tenant, "reviewer2-" + tenant)) {
            Response reviewed = signedIn(reviewer, tenant).post(application + "/reviews", Map.of("decision", "APPROVE"));
            assertThat(reviewed.status()).as(reviewed.text()).isLessThan(300);
        }
        Response granted = coordinator.post(application + "/approval", null);
        assertThat(granted.at("/status")).as(granted.text()).isEqualTo("GRANTED");
        String number = granted.at("/endorsementNumber");
        await("the endorsement kept by renewal-service").atMost(HOP)
                .until(() -> coordinator.get("/api/endorsements/" + number).status() == 200);
        await("the registry").atMost(HOP).until(() -> "ACTIVE".equals(
                ApiClient.at(gatewayUrl()).get("/api/registry/endorsements/" + number).at("/status")));
        return number;
    }

    /**
     * The link in the mail application-service sent the rater (the web application's rating page, the secret in its
     * fragment), once it arrived (through the test JVM's SMTP server).
     */
    static String linkMailedTo(String rater) {
        await("the mail to " + rater).atMost(HOP).until(() -> !RealInfrastructure.smtp().receivedFor(rater).isEmpty());
        Matcher link = Pattern.compile("http://\\S+/rate\\.html#[A-Za-z0-9_-]+")
                .matcher(SmtpServer.plainText(RealInfrastructure.smtp().receivedFor(rater).get(0)));
        assertThat(link.find()).isTrue();
        return link.group();
    }

    /** The API path of the form a rater's link opens: the page calls it with the secret from the link's fragment. */
    static String formPathOf(String link) {
        return "/api/references/" + link.substring(link.indexOf('#') + 1);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
