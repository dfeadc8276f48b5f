package org.iecmh.endorsement.association;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.iecmh.endorsement.association.directory.AssociationRecords;
import org.iecmh.endorsement.association.seed.SeedAssociations;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.MailPreferencesChanged;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.contracts.association.EvidenceVersion;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.contracts.association.RequirementRule;
import org.iecmh.endorsement.contracts.association.RequirementVersion;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.MutableClock;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** association-service on the real PostgreSQL server and Kafka broker, through its API. */
@SpringBootTest(classes = AssociationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + AssociationServiceApplication.NAME)
@WithRealInfrastructure
@Import(AssociationServiceTest.Time.class)
class AssociationServiceTest {

    /** 2026-11-22 in every association's time zone. */
    static final Instant NOW = Instant.parse("2026-11-22T18:00:00Z");

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }

    @LocalServerPort
    int port;
    @Value("${iecmh.kafka.prefix}")
    String kafkaPrefix;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SeedAssociations seed;
    @Autowired
    AssociationRecords records;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper json;

    private final Association ma = AssociationSeed.load().get(0);

    @Test
    void aPlatformAdminCreatesAnAssociationThatEveryoneCanList() {
        Association newYork = association("ny", "NY");

        Response created = platformAdmin().post("/api/associations", body(newYork));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.at("/code")).isEqualTo("ny");
        Response list = ApiClient.onPort(port).get("/api/associations");
        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = find(list.body(), "ny");
        assertThat(listed.get("name").asText()).isEqualTo("New York Association for Infant Mental Health");
        assertThat(listed.get("state").asText()).isEqualTo("NY");
        assertThat(listed.get("categories")).hasSize(12);
        assertThat(listed.get("languages").toString()).isEqualTo("[\"en\",\"es\"]");
        assertThat(listed.has("fees")).isFalse();
        Response own = admin("ny").get("/api/associations/ny");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.at("/timeZone")).isEqualTo("America/New_York");
        assertThat(platformAdmin().post("/api/associations", body(newYork)).status()).isEqualTo(409);
    }

    @Test
    void aTenantAdminAddsAFeeVersionAndEveryServiceIsToldOnKafka() throws Exception {
        create(association("nj", "NJ"));
        Map<String, Object> fees = raisedFees(LocalDate.of(2027, 1, 1), 2_000L);

        Response added = admin("nj").post("/api/associations/nj/policy-versions", Map.of("fees", fees));

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.body().get("fees")).hasSize(2);
        assertThat(added.at("/fees/1/registration/1")).isEqualTo("2000");
        ConsumerRecord<byte[], byte[]> published = KafkaTopics.awaitFirst(kafkaPrefix + Topics.ASSOCIATIONS,
                r -> "nj".equals(KafkaTopics.key(r)) && json(r).get("sequence").asLong() == 1);
        assertThat(KafkaTopics.header(published, "ce_type")).isEqualTo(AssociationChanged.TYPE);
        assertThat(KafkaTopics.header(published, "ce_tenantid")).isEqualTo("nj");
        AssociationChanged changed = json.readValue(published.value(), AssociationChanged.class);
        assertThat(changed.changedBy()).isEqualTo("admin-nj");
        assertThat(changed.changedAt()).isEqualTo(NOW);
        assertThat(changed.association().feesOn(LocalDate.of(2027, 1, 1)).registration().get(1)).isEqualTo(2_000L);
        assertThat(changed.association().feesOn(LocalDate.of(2026, 12, 31)).registration().get(1)).isEqualTo(1_500L);
        ConsumerRecord<byte[], byte[]> creation = KafkaTopics.awaitFirst(kafkaPrefix + Topics.ASSOCIATIONS,
                r -> "nj".equals(KafkaTopics.key(r)) && json(r).get("sequence").asLong() == 0);
        assertThat(json(creation).get("changedBy").asText()).isEqualTo("platform-admin");
    }

    @Test
    void aPreviewSaysWhatChangesAndFromWhenWithoutStoringIt() {
        create(association("ct", "CT"));

        Response preview = admin("ct").post("/api/associations/ct/policy-previews",
                Map.of("fees", raisedFees(LocalDate.of(2027, 3, 1), 1_800L)));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.at("/part")).isEqualTo("FEES");
        assertThat(preview.at("/effectiveFrom")).isEqualTo("2027-03-01");
        assertThat(preview.at("/until")).isNull();
        assertThat(preview.at("/replacesPlanned")).isEqualTo("false");
        assertThat(preview.body().get("changes")).hasSize(1);
        assertThat(preview.at("/changes/0/field")).isEqualTo("registration.1");
        assertThat(preview.at("/changes/0/before")).isEqualTo("1500");
        assertThat(preview.at("/changes/0/after")).isEqualTo("1800");
        assertThat(admin("ct").get("/api/associations/ct").body().get("fees")).hasSize(1);
        assertThat(eventsOf("ct")).isEqualTo(1);
    }

    @Test
    void aRequirementsPreviewComparesEachCategoryItStatesWithThatCategorysRequirementsInForce() {
        create(association("pa", "PA"));
        LocalDate today = LocalDate.of(2026, 11, 22);
        // IFA's requirements in force come from the first version, clinical Mentors' from the 2024 one.
        RequirementRule associates = restated(ma.requirementsOn(Category.IFA, today), List.of("IFA"),
                new BigDecimal("32"));
        RequirementRule mentors = restated(ma.requirementsOn(Category.IMHM_C, today), List.of("IMHM-C"), null);

        Response preview = admin("pa").post("/api/associations/pa/policy-previews", Map.of("requirements",
                body(new RequirementVersion(LocalDate.of(2027, 3, 1), List.of(associates, mentors)))));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.at("/part")).isEqualTo("REQUIREMENTS");
        assertThat(preview.body().get("changes")).as(preview.toString()).hasSize(1);
        assertThat(preview.at("/changes/0/field")).isEqualTo("IFA.trainingHours");
        assertThat(preview.at("/changes/0/before")).isEqualTo("30");
        assertThat(preview.at("/changes/0/after")).isEqualTo("32");
    }

    /** {@code rule} stated for {@code categories}, with other training hours where {@code trainingHours} is given. */
    private static RequirementRule restated(RequirementRule rule, List<String> categories, BigDecimal trainingHours) {
        return new RequirementRule(categories, rule.degree(), rule.workYearsInsteadOfDegree(), rule.workYears(),
                rule.workAfterDegree(), rule.paidWork(), trainingHours == null ? rule.trainingHours() : trainingHours,
                rule.trainingDomains(), rule.supervisionHours(), rule.supervisionWindowMonths(), rule.references(),
                rule.referenceRelationships(), rule.exam(), rule.examVignettes(), rule.workActivity(),
                rule.supervisionAboutProvidingHours());
    }

    @Test
    void aVersionThatBreaksARuleIsRefusedNamingFieldAndRuleAndLeavesNoEvent() {
        create(association("ri", "RI"));
        Map<String, Object> negative = raisedFees(LocalDate.of(2027, 1, 1), 1_500L);
        @SuppressWarnings("unchecked")
        Map<String, Object> registration = new HashMap<>((Map<String, Object>) negative.get("registration"));
        registration.put("3", -100);
        negative.put("registration", registration);

        Response refused = admin("ri").post("/api/associations/ri/policy-versions", Map.of("fees", negative));
        Response past = admin("ri").post("/api/associations/ri/policy-versions",
                Map.of("fees", raisedFees(LocalDate.of(2026, 11, 21), 1_700L)));
        Response twoParts = admin("ri").post("/api/associations/ri/policy-versions", Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.at("/type")).isEqualTo("urn:iecmh:problem:invalid-request");
        assertThat(refused.at("/errors/0/field")).isEqualTo("fees[1].registration.3");
        assertThat(refused.at("/errors/0/rule")).isEqualTo("not-negative");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.at("/errors/0/field")).isEqualTo("fees.effectiveFrom");
        assertThat(past.at("/errors/0/rule")).isEqualTo("effective-from-past");
        assertThat(twoParts.status()).isEqualTo(400);
        assertThat(twoParts.at("/errors/0/rule")).isEqualTo("one-part");
        assertThat(eventsOf("ri")).isEqualTo(1);
    }

    @Test
    void aRenewalVersionSamplesAShareOfRenewalsForAnAuditFromNoneToEveryOne() {
        create(association("nc", "NC"));
        RenewalVersion current = ma.renewal().get(0);

        Response tooMany = admin("nc").post("/api/associations/nc/policy-versions",
                Map.of("renewal", body(audited(current, LocalDate.of(2027, 1, 1), 101))));
        Response aFifth = admin("nc").post("/api/associations/nc/policy-versions",
                Map.of("renewal", body(audited(current, LocalDate.of(2027, 1, 1), 20))));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.at("/errors/0/field")).isEqualTo("renewal[1].auditPercent");
        assertThat(tooMany.at("/errors/0/rule")).isEqualTo("range");
        assertThat(aFifth.status()).as(aFifth.text()).isEqualTo(201);
        JsonNode record = admin("nc").get("/api/associations/nc").body();
        assertThat(record.at("/renewal/1/auditPercent").asInt()).isEqualTo(20);
        // A version written before the setting existed audits none.
        assertThat(record.at("/renewal/0/auditPercent").isNull()).isTrue();
        assertThat(eventsOf("nc")).isEqualTo(2);
    }

    private static RenewalVersion audited(RenewalVersion version, LocalDate from, int auditPercent) {
        return new RenewalVersion(from, version.model(), version.due(), version.opens(), version.closes(),
                version.anchorYear(), version.cycleYears(), version.graceDays(), version.reminderDaysBeforeOpening(),
                version.reminderDaysBeforeClosing(), version.trainingHoursPerYear(), version.deiHoursPerYear(),
                version.reflectiveSupervisionHoursPerYear(), version.reflectiveSupervisionCategories(),
                version.codeOfEthicsPerYear(), version.membershipPerYear(), version.inactiveMaximumMonths(),
                version.reinstatementFee(), auditPercent);
    }

    @Test
    void anAdminLimitsTheEvidenceAnApplicationCarriesAndALimitBelowAFileIsRefused() {
        create(association("ia", "IA"));

        Response added = admin("ia").post("/api/associations/ia/policy-versions", Map.of("evidence",
                Map.of("effectiveFrom", "2026-12-01", "maxFileBytes", 5_000_000, "maxApplicationBytes", 40_000_000)));
        Response refused = admin("ia").post("/api/associations/ia/policy-versions", Map.of("evidence",
                Map.of("effectiveFrom", "2027-01-01", "maxFileBytes", 5_000_000, "maxApplicationBytes", 1_000)));

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.at("/evidence/0/maxFileBytes")).isEqualTo("5000000");
        Association recorded = records.find("ia").orElseThrow();
        assertThat(recorded.evidenceOn(LocalDate.of(2026, 12, 1)).applicationLimit()).isEqualTo(40_000_000L);
        assertThat(recorded.evidenceOn(LocalDate.of(2026, 11, 30)).fileLimit())
                .isEqualTo(EvidenceVersion.DEFAULT_MAX_FILE_BYTES);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.at("/errors/0/field")).isEqualTo("evidence[1].maxApplicationBytes");
        assertThat(refused.at("/errors/0/rule")).isEqualTo("application-limit-below-file-limit");
        assertThat(eventsOf("ia")).isEqualTo(2);
    }

    @Test
    void aVersionInForceCannotBeRewrittenButAPlannedOneIsReplaced() {
        create(association("vt", "VT"));
        ApiClient admin = admin("vt");

        Response today = admin.post("/api/associations/vt/policy-versions",
                Map.of("fees", raisedFees(LocalDate.of(2026, 11, 22), 1_600L)));
        Response rewrite = admin.post("/api/associations/vt/policy-versions",
                Map.of("fees", raisedFees(LocalDate.of(2026, 11, 22), 1_700L)));
        admin.post("/api/associations/vt/policy-versions", Map.of("fees", raisedFees(LocalDate.of(2027, 6, 1), 1_800L)));
        Response replaced = admin.post("/api/associations/vt/policy-versions",
                Map.of("fees", raisedFees(LocalDate.of(2027, 6, 1), 1_900L)));

        assertThat(today.status()).isEqualTo(201);
        assertThat(rewrite.status()).isEqualTo(400);
        assertThat(rewrite.at("/errors/0/rule")).isEqualTo("version-in-force");
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(replaced.body().get("fees")).hasSize(3);
        assertThat(replaced.at("/fees/2/registration/1")).isEqualTo("1900");
    }

    @Test
    void onlyTheAssociationsOwnAdminOrAPlatformAdminActsOnIt() {
        create(association("me", "ME"));
        Map<String, Object> fees = Map.of("fees", raisedFees(LocalDate.of(2027, 1, 1), 1_600L));

        Response otherAdmin = ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN")
                .post("/api/associations/me/policy-versions", fees);
        Response otherRead = ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN").get("/api/associations/me");
        Response coordinator = ApiClient.onPort(port).as("me", "coordinator-me", "COORDINATOR")
                .post("/api/associations/me/policy-versions", fees);
        Response tenantAdminCreates = admin("me").post("/api/associations", body(association("nh", "NH")));
        Response platformAdmin = platformAdmin().post("/api/associations/me/policy-versions", fees);

        assertThat(otherAdmin.status()).isEqualTo(404);
        assertThat(otherRead.status()).isEqualTo(404);
        assertThat(coordinator.status()).isEqualTo(403);
        assertThat(tenantAdminCreates.status()).isEqualTo(403);
        assertThat(platformAdmin.status()).isEqualTo(201);
        assertThat(ApiClient.onPort(port).as("me", "coordinator-me", "COORDINATOR").get("/api/associations/me")
                .status()).isEqualTo(200);
        assertThat(eventsOf("nh")).isZero();
    }

    @Test
    void theProfileChangesAtOnceAndIsCheckedAsAWhole() {
        create(association("de", "DE"));
        Map<String, Object> profile = new HashMap<>(Map.of("name", "Delaware Association for Infant Mental Health",
                "state", "DE", "timeZone", "America/New_York", "languages", List.of("en"),
                "badgeIssuer", Map.of("name", "Delaware AIMH"),
                "coordinator", Map.of("name", "Dana Coordinator", "email", "dana@example.org")));

        Response changed = admin("de").put("/api/associations/de/profile", profile);
        profile.put("timeZone", "Eastern");
        Response refused = admin("de").put("/api/associations/de/profile", profile);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.at("/coordinator/email")).isEqualTo("dana@example.org");
        assertThat(changed.body().get("fees")).hasSize(1);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.at("/errors/0/field")).isEqualTo("timeZone");
        assertThat(refused.at("/errors/0/rule")).isEqualTo("iana-time-zone");
    }

    @Test
    void anAssociationSwitchesOffANoticeItSendsItselfButNeverTheRatersLink() {
        create(association("oh", "OH"));
        Map<String, Object> profile = new HashMap<>(Map.of("name", "Ohio Association for Infant Mental "
                + "Health", "state", "OH", "timeZone", "America/New_York", "languages", List.of("en"),
                "badgeIssuer", Map.of("name", "Ohio AIMH"), "noticesOff", List.of("invoice-paid")));

        Response quiet = admin("oh").put("/api/associations/oh/profile", profile);
        profile.put("noticesOff", List.of("invoice-paid", "reference-request"));
        Response refused = admin("oh").put("/api/associations/oh/profile", profile);

        assertThat(quiet.status()).as(quiet.toString()).isEqualTo(200);
        assertThat(quiet.body().get("noticesOff")).hasSize(1);
        assertThat(quiet.at("/noticesOff/0")).isEqualTo("invoice-paid");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.at("/errors/0/field")).isEqualTo("noticesOff[1]");
        assertThat(refused.at("/errors/0/rule")).isEqualTo("one-of");
        assertThat(eventsOf("oh")).isEqualTo(2);
    }

    @Test
    void aPersonChoosesWhereAndInWhichLanguageTheyAreMailedOnceForEveryService() throws Exception {
        String person = "applicant-" + java.util.UUID.randomUUID();
        ApiClient applicant = ApiClient.onPort(port).as("wa", person, "APPLICANT");
        String mine = "/api/associations/mail-preferences/mine";
        assertThat(applicant.get(mine).body().get("emailAddress").isNull()).isTrue();

        Response chosen = applicant.put(mine, Map.of("emailAddress", "zoe.personal@example.org", "language", "es"));
        Response badAddress = applicant.put(mine, Map.of("emailAddress", "zoe at home", "language", "es"));
        Response badLanguage = applicant.put(mine, Map.of("language", "fr"));

        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        assertThat(chosen.at("/emailAddress")).isEqualTo("zoe.personal@example.org");
        assertThat(chosen.at("/language")).isEqualTo("es");
        assertThat(applicant.get(mine).at("/language")).isEqualTo("es");
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.at("/errors/0/field")).isEqualTo("emailAddress");
        assertThat(badAddress.at("/errors/0/rule")).isEqualTo("Email");
        assertThat(badLanguage.status()).isEqualTo(400);
        assertThat(badLanguage.at("/errors/0/field")).isEqualTo("language");
        assertThat(eventsOf("wa:" + person)).isEqualTo(1);
        // Another association knows nothing of it; the same subject there chose nothing.
        assertThat(ApiClient.onPort(port).as("ma", person, "APPLICANT").get(mine).body().get("language").isNull())
                .isTrue();

        ConsumerRecord<byte[], byte[]> published = KafkaTopics.awaitFirst(kafkaPrefix + Topics.ASSOCIATIONS,
                r -> ("wa:" + person).equals(KafkaTopics.key(r)));
        assertThat(KafkaTopics.header(published, "ce_type")).isEqualTo(MailPreferencesChanged.TYPE);
        assertThat(KafkaTopics.header(published, "ce_tenantid")).isEqualTo("wa");
        MailPreferencesChanged changed = json.readValue(published.value(), MailPreferencesChanged.class);
        assertThat(changed).isEqualTo(new MailPreferencesChanged("wa", person, "zoe.personal@example.org", "es", 0,
                NOW));

        // Chosen again: both parts left to each step, a newer sequence.
        assertThat(applicant.put(mine, Map.of()).body().get("emailAddress").isNull()).isTrue();
        ConsumerRecord<byte[], byte[]> cleared = KafkaTopics.awaitFirst(kafkaPrefix + Topics.ASSOCIATIONS,
                r -> ("wa:" + person).equals(KafkaTopics.key(r)) && json(r).get("sequence").asLong() == 1);
        assertThat(json(cleared).get("emailAddress").isNull()).isTrue();
        assertThat(json(cleared).get("language").isNull()).isTrue();

        // The auditor reads both choices in the person's history and signed export; another association's does not.
        ApiClient auditor = ApiClient.onPort(port).as("wa", "auditor-wa", "AUDITOR");
        Response history = auditor.get("/api/audit/mail-preferences/people/" + person + "/events");
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.body().get("events").findValuesAsText("type")).hasSize(2)
                .allSatisfy(type -> assertThat(type).endsWith("MailPreferencesChosen"));
        assertThat(history.body().get("events").get(0).get("payload").get("emailAddress").asText())
                .isEqualTo("zoe.personal@example.org");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/audit/mail-preferences/people/" + person + "/export"));
        auditor.identityHeaders().forEach(request::header);
        HttpResponse<byte[]> export = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(zipEntries(export.body())).contains("events.jsonl", "manifest.json", "manifest.jws");
        assertThat(ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR")
                .get("/api/audit/mail-preferences/people/" + person + "/events").status()).isEqualTo(404);
    }

    private static List<String> zipEntries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void thePolicyAtAnInstantIsTheStreamReadToThatInstant() {
        create(association("md", "MD"));
        Instant beforeChange = clock.instant();
        clock.advance(Duration.ofHours(1));
        try {
            admin("md").post("/api/associations/md/policy-versions",
                    Map.of("fees", raisedFees(LocalDate.of(2027, 1, 1), 2_100L)));
        } finally {
            clock.set(NOW);
        }

        Response then = admin("md").get("/api/associations/md/policy?at=" + beforeChange);
        Response later = admin("md").get("/api/associations/md/policy?at=" + beforeChange.plus(Duration.ofHours(2)));
        Response beforeItExisted = admin("md").get("/api/associations/md/policy?at=2020-01-01T00:00:00Z");

        assertThat(then.status()).isEqualTo(200);
        assertThat(then.at("/sequence")).isEqualTo("0");
        assertThat(then.body().get("record").get("fees")).hasSize(1);
        assertThat(later.at("/sequence")).isEqualTo("1");
        assertThat(later.body().get("record").get("fees")).hasSize(2);
        assertThat(beforeItExisted.status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("md", "auditor-md", "AUDITOR")
                .get("/api/audit/associations/md/events").status()).isEqualTo(200);
    }

    @Test
    void theSeedCreatesMassachusettsAndWashingtonOnce() {
        int again = seed.seed(AssociationSeed.load());

        assertThat(again).isZero();
        assertThat(eventsOf("ma")).isEqualTo(1);
        assertThat(eventsOf("wa")).isEqualTo(1);
        Response washington = ApiClient.onPort(port).as("wa", "admin-wa", "TENANT_ADMIN").get("/api/associations/wa");
        assertThat(washington.at("/renewal/0/model")).isEqualTo("fixed-window");
        assertThat(washington.at("/fees/0/membershipDues")).isEqualTo("8000");
        assertThat(jdbc.queryForObject("SELECT meta_data ->> 'subject' FROM event_log "
                + "WHERE aggregate_identifier = 'ma'", String.class)).isEqualTo("service:association-service");
    }

    private Association association(String code, String state) {
        String name = Map.ofEntries(Map.entry("ny", "New York"), Map.entry("nj", "New Jersey"),
                Map.entry("ct", "Connecticut"), Map.entry("ri", "Rhode Island"), Map.entry("vt", "Vermont"),
                Map.entry("me", "Maine"), Map.entry("nh", "New Hampshire"), Map.entry("de", "Delaware"),
                Map.entry("md", "Maryland"), Map.entry("pa", "Pennsylvania"), Map.entry("nc", "North Carolina"))
                .get(code) + " Association for Infant Mental Health";
        return new Association(code, name, state, "America/New_York", ma.languages(), null, null, null, List.of(),
                List.of(), new Association.BadgeIssuer(name, "iecmh.badges.issuers." + code + ".signing-key"),
                ma.exam(),
                ma.references(), ma.membership(), ma.requirements(), ma.fees(), ma.renewal());
    }

    private void create(Association association) {
        Response created = platformAdmin().post("/api/associations", body(association));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** Massachusetts' fees from {@code from}, with level 1 registration at {@code levelOneRegistration} cents. */
    private Map<String, Object> raisedFees(LocalDate from, long levelOneRegistration) {
        FeeSchedule current = ma.fees().get(0);
        Map<Integer, Long> registration = new HashMap<>(current.registration());
        registration.put(1, levelOneRegistration);
        return body(new FeeSchedule(from, current.currency(), current.dueDays(), registration, current.processing(),
                null, null, null, null, current.nonRefundable()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(Object value) {
        return new HashMap<>(json.convertValue(value, Map.class));
    }

    private ApiClient platformAdmin() {
        return ApiClient.onPort(port).as("ma", "platform-admin", "PLATFORM_ADMIN");
    }

    private ApiClient admin(String code) {
        return ApiClient.onPort(port).as(code, "admin-" + code, "TENANT_ADMIN");
    }

    private int eventsOf(String code) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, code);
        return count == null ? 0 : count;
    }

    private JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return json.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode find(JsonNode list, String code) {
        for (JsonNode each : list) {
            if (code.equals(each.get("code").asText())) {
                return each;
            }
        }
        throw new AssertionError("No " + code + " in " + list);
    }
}
