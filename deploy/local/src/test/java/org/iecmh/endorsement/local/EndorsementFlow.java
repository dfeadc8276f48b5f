package org.iecmh.endorsement.local;

import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.iecmh.endorsement.local.PatientClient.Answer;
import org.iecmh.endorsement.testkit.SmtpServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * One applicant's way to the registry through the gateway, the shortest complete one: a Family Associate (IFA) in
 * Massachusetts, which asks a degree, 30 training hours with some in Reflection and three references, and no exam.
 * The applicant starts the application, records the two portfolio entries, names three raters, who each rate on the
 * page their mailed link opens, and submits; pays the invoice by card at the card processor; two reviewers approve
 * and the coordinator grants; the endorsement is then in the registry.
 * <p>
 * Every request is one a careful client sends: an answer lost to a fault is asked again, creating requests with the
 * same {@code Idempotency-Key}; and an answer that says the thing is done already ({@code rater-named-already},
 * {@code reference-link-used}, {@code application-already-submitted}, an intent that has succeeded) is taken as done.
 */
final class EndorsementFlow {

    /** The people and places every flow shares. */
    record Cast(Function<Map<String, String>, PatientClient> gateway, PatientClient cardProcessor,
                PatientClient coordinator, List<PatientClient> reviewers, List<String> reviewerSubjects,
                Function<String, List<MimeMessage>> mailTo, Duration hop) {
    }

    enum Outcome { COMPLETED, FAILED }

    private static final Pattern LINK = Pattern.compile("/rate\\.html#([A-Za-z0-9_-]+)");
    private static final List<String> FORM_ITEMS = List.of("relationships", "development", "observation", "culture",
            "reflection", "supervision", "collaboration", "communication", "ethics");

    final int index;
    final String applicant;
    final String applicantName;
    /** Whether this client's network drops every connection right after a command is sent (then it asks again). */
    final boolean hangsUp;
    /** How many times it hung up. */
    volatile int hangUps;
    volatile String applicationId;
    volatile String invoiceId;
    volatile String processorPaymentId;
    volatile String endorsementNumber;
    volatile Outcome outcome;
    volatile String failure;
    volatile long startedNanos;
    volatile long finishedNanos;

    EndorsementFlow(int index, boolean hangsUp) {
        this.index = index;
        this.applicant = "faults-applicant-" + index;
        this.applicantName = "Zoë Flow " + index;
        this.hangsUp = hangsUp;
    }

    List<String> raters() {
        return List.of(1, 2, 3).stream().map(r -> "rater" + r + "." + applicant + "@faults.example.org").toList();
    }

    void run(Cast cast, PatientClient applicantClient) {
        startedNanos = System.nanoTime();
        lap = startedNanos;
        try {
            walk(cast, applicantClient);
            outcome = Outcome.COMPLETED;
        } catch (RuntimeException | AssertionError e) {
            failure = e.getMessage();
            outcome = Outcome.FAILED;
        } finally {
            finishedNanos = System.nanoTime();
        }
    }

    private void walk(Cast cast, PatientClient me) {
        Answer started = expect("start", command(me, "/api/applications", Map.of("applicantName", applicantName,
                "category", "IFA", "contactEmail", applicant + "@faults.example.org", "stateOfResidence", "MA"),
                "start-" + applicant), a -> a.is(201) || a.is(200));
        applicationId = started.at("/applicationId");
        String application = "/api/applications/" + applicationId;
        lap("start");

        expect("education", command(me, application + "/portfolio/education", Map.of("degree", "ASSOCIATE",
                "field", "Early childhood", "institution", "Bunker Hill CC", "year", 2018), "education"),
                a -> a.is(201) || a.is(200));
        expect("training", command(me, application + "/portfolio/trainings", Map.of("title", "Reflective practice",
                "provider", "MassAIMH", "attendedOn", "2024-05-01", "hours", 30, "domains", List.of("REFLECTION")),
                "training"), a -> a.is(201) || a.is(200));

        lap("portfolio");
        for (String rater : raters()) {
            expect("rater " + rater, command(me, application + "/references", Map.of("name", "Rater of " + index,
                    "email", rater, "relationship", "OTHER", "waivesAccess", true), null),
                    a -> a.is(201) || a.refusedFor("rater-named-already"));
        }
        lap("raters named");
        PatientClient anyone = cast.gateway().apply(Map.of());
        for (String rater : raters()) {
            String form = "/api/references/" + linkMailedTo(cast, rater);
            lap("rating link mailed");
            Answer opened = expect("the form of " + rater, anyone.get(form),
                    a -> a.is(200) || a.refusedFor("reference-link-used"));
            if (opened.is(200)) {
                Map<String, Object> answers = new LinkedHashMap<>();
                FORM_ITEMS.forEach(item -> answers.put(item, "4"));
                expect("the rating of " + rater, command(anyone, form, Map.of("knownForMonths", 36,
                        "answers", answers), null), a -> a.is(200) || a.refusedFor("reference-link-used"));
            }
        }

        lap("ratings");
        expect("submission", command(me, application + "/submission", null, null),
                a -> a.is(200) && "SUBMITTED".equals(a.at("/status"))
                        || a.refusedFor("application-already-submitted"));

        lap("submission");
        String invoices = "/api/payments/invoices?applicationId=" + applicationId;
        Answer invoice = awaitAnswer(cast, "the invoice", () -> me.get(invoices),
                a -> a.is(200) && a.body().size() == 1);
        invoiceId = invoice.body().get(0).get("invoiceId").asText();

        lap("invoice issued");
        String checkout = "/api/payments/invoices/" + invoiceId + "/card-checkouts";
        String key = "card-" + applicationId;
        Answer intent = expect("the card checkout", command(me, checkout, null, key), a -> a.is(200));
        processorPaymentId = intent.at("/processorPaymentId");
        String secret = intent.at("/clientSecret");
        String confirmation = "key=" + CardProcessorStandIn.PUBLISHABLE_KEY + "&client_secret=" + form(secret)
                + "&payment_method_data[type]=card&payment_method_data[card][number]=4242424242424242"
                + "&payment_method_data[card][exp_month]=12&payment_method_data[card][exp_year]=30"
                + "&payment_method_data[card][cvc]=123";
        expect("the card payment", cast.cardProcessor().postForm("/v1/payment_intents/" + processorPaymentId
                        + "/confirm", confirmation),
                a -> a.is(200) && "succeeded".equals(a.at("/status"))
                        || a.is(400) && "payment_intent_unexpected_state".equals(a.at("/error/code")));

        lap("card payment");
        awaitAnswer(cast, "the review, once the payment is recorded", () -> me.get(application),
                a -> a.is(200) && "IN_REVIEW".equals(a.at("/status")));
        lap("payment recorded, in review");

        expect("the reviewers", command(cast.coordinator(), application + "/reviewers",
                Map.of("reviewers", cast.reviewerSubjects()), null), a -> a.is(200));
        for (PatientClient reviewer : cast.reviewers()) {
            expect("a review", command(reviewer, application + "/reviews", Map.of("decision", "APPROVE"), null),
                    a -> a.is(200) || a.refusedFor("review-closed"));
        }
        Answer approved = expect("the approval", command(cast.coordinator(), application + "/approval", null, null),
                a -> a.is(200) && "GRANTED".equals(a.at("/status")) || a.refusedFor("approval-needs-reviewers"));
        if (!approved.is(200)) {
            // Granted by the request whose answer was lost, or refused for good: the application says which.
            approved = expect("the granted application", cast.coordinator().get(application),
                    a -> a.is(200) && "GRANTED".equals(a.at("/status")));
        }
        endorsementNumber = approved.at("/endorsementNumber");
        lap("review and grant");

        awaitAnswer(cast, "the registry", () -> anyone.get("/api/registry/endorsements/" + endorsementNumber),
                a -> a.is(200) && "ACTIVE".equals(a.at("/status")));
        lap("in the registry");
    }

    /** A command through the gateway; a client that hangs up sends it once more, and hangs up, before asking. */
    private Answer command(PatientClient client, String path, Object body, String idempotencyKey) {
        if (hangsUp) {
            client.sendAndHangUp(path, body, idempotencyKey);
            hangUps++;
        }
        return client.post(path, body, idempotencyKey);
    }

    private String linkMailedTo(Cast cast, String rater) {
        await("the mail to " + rater).atMost(cast.hop()).pollInSameThread()
                .pollInterval(Duration.ofMillis(250)).until(() -> !cast.mailTo().apply(rater).isEmpty());
        Matcher link = LINK.matcher(SmtpServer.plainText(cast.mailTo().apply(rater).get(0)));
        if (!link.find()) {
            throw new IllegalStateException("No rating link in the mail to " + rater);
        }
        return link.group(1);
    }

    /** Asks until the answer shows what the flow waits for (an effect that travels through Kafka). */
    private static Answer awaitAnswer(Cast cast, String what, Supplier<Answer> ask, Predicate<Answer> arrived) {
        Answer[] last = new Answer[1];
        try {
            await(what).atMost(cast.hop()).pollInSameThread().pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                last[0] = ask.get();
                return arrived.test(last[0]);
            });
        } catch (ConditionTimeoutException late) {
            throw new IllegalStateException(what + " did not come within " + cast.hop().toSeconds() + " s; last: "
                    + last[0]);
        }
        return last[0];
    }

    /** The time the flows spent in each kind of step: milliseconds, then how many times. */
    static final Map<String, LongAdder[]> TIME_IN = new ConcurrentHashMap<>();

    private long lap;

    /** Adds the time since the last lap to {@code step}. */
    private void lap(String step) {
        long now = System.nanoTime();
        LongAdder[] spent = TIME_IN.computeIfAbsent(step, s -> new LongAdder[]{new LongAdder(), new LongAdder()});
        spent[0].add((now - lap) / 1_000_000);
        spent[1].increment();
        lap = now;
    }

    private static Answer expect(String step, Answer answer, Predicate<Answer> expected) {
        if (!expected.test(answer)) {
            throw new IllegalStateException(step + ": unexpected answer " + answer);
        }
        return answer;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
