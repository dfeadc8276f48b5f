package org.iecmh.endorsement.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command on an aggregate with a long stream against the same command on a new one: a portfolio training recorded on
 * an application of about 1,000 events (built with the same command beforehand, or found from an earlier run) and on
 * one with a handful, alternately, straight to application-service. A store that replays every event on each
 * command pays for the stream's length; snapshots and a cache should make both cost the same.
 */
final class LongStream {

    /** Applicants of the local identity provider; each may have one application in progress. */
    private static final List<String> APPLICANTS = List.of("applicant-ma", "applicant2-ma", "applicant3-ma",
            "applicant4-ma");
    private static final Pattern APPLICATION = Pattern.compile("\"applicationId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(15);

    /** The long aggregate, for the audit measurements that read it next. */
    record LongApplication(String applicationId, String applicant, long events) {
    }

    private record Draft(String applicant, String applicationId, long events) {
    }

    private final Target target;
    private final Settings settings;

    LongStream(Target target, Settings settings) {
        this.target = target;
        this.settings = settings;
    }

    LongApplication measure(Table table) throws SQLException {
        List<Draft> drafts = new ArrayList<>();
        // Every applicant's draft is looked at, so that a long one from an earlier run is found; new ones are started
        // only while fewer than two are at hand.
        for (String applicant : APPLICANTS) {
            String id = draftOf(applicant, drafts.size() < 2);
            if (id != null) {
                drafts.add(new Draft(applicant, id, events(id)));
            }
        }
        if (drafts.size() < 2) {
            table.add(Table.failed("command on a 1,000-event aggregate vs a new one",
                    "needs two applicants of ma with a draft or no application in progress; found " + drafts));
            return drafts.isEmpty() ? null : new LongApplication(drafts.get(0).applicationId(),
                    drafts.get(0).applicant(), drafts.get(0).events());
        }
        drafts.sort((a, b) -> Long.compare(b.events(), a.events()));
        Draft longOne = drafts.get(0);
        Draft newOne = drafts.get(drafts.size() - 1);
        String longUrl = trainings(longOne.applicationId());
        long built = longOne.events();
        long deadline = System.nanoTime() + BUILD_LIMIT.toNanos();
        Bench.say("building an application of " + settings.longStream() + " events (" + built + " now)");
        int refusals = 0;
        while (built < settings.longStream() && System.nanoTime() < deadline && refusals < 20) {
            Target.Answer answer = target.post(longUrl, target.as(longOne.applicant(), "ma"), training(built));
            if (answer.ok()) {
                built++;
            } else {
                refusals++;
                Bench.say("  a training was refused: " + answer.status() + " " + answer.body());
            }
            if (built % 250 == 0) {
                Bench.say("  " + built + " events, the last command took " + Table.millis(answer.nanos() / 1e6));
            }
        }
        built = events(longOne.applicationId());
        Bench.say("command on the " + built + "-event application vs the new one (" + newOne.events()
                + " events), " + settings.samples() + " each, alternately");
        String newUrl = trainings(newOne.applicationId());
        Map<String, String> longApplicant = target.as(longOne.applicant(), "ma");
        Map<String, String> newApplicant = target.as(newOne.applicant(), "ma");
        Latencies onLong = new Latencies();
        Latencies onNew = new Latencies();
        int failures = 0;
        for (int i = -3; i < settings.samples(); i++) {
            Target.Answer longAnswer = target.post(longUrl, longApplicant, training(i));
            Target.Answer newAnswer = target.post(newUrl, newApplicant, training(i));
            if (!longAnswer.ok() || !newAnswer.ok()) {
                failures++;
                continue;
            }
            if (i >= 0) {
                onLong.add(longAnswer.nanos());
                onNew.add(newAnswer.nanos());
            }
        }
        table.add(Table.time("portfolio training on a " + String.format("%,d", built) + "-event application, p50",
                onLong.p50(), "on a new application", onNew.p50(), "<= 1.5×", String.format(
                        "%d commands each, alternately, direct; p99 %s vs %s; the new one had %d events; "
                                + "refused: %d", onLong.count(), Table.millis(onLong.p99()),
                        Table.millis(onNew.p99()), newOne.events(), failures)));
        return new LongApplication(longOne.applicationId(), longOne.applicant(), events(longOne.applicationId()));
    }

    private String trainings(String applicationId) {
        return target.url(Target.APPLICATION_SERVICE, "/api/applications/" + applicationId + "/portfolio/trainings");
    }

    private static String training(long n) {
        return "{\"title\": \"Bench training " + n + "\", \"provider\": \"Bench\", \"attendedOn\": \"2024-05-01\", "
                + "\"hours\": 1, \"domains\": [\"THINKING\"]}";
    }

    /**
     * The applicant's application in DRAFT, or one started now if they have none in progress and {@code mayStart};
     * null otherwise (one in progress past its draft takes no portfolio entries, and they may not start another).
     */
    private String draftOf(String applicant, boolean mayStart) {
        Map<String, String> as = target.as(applicant, "ma");
        Target.Answer mine = target.get(target.url(Target.APPLICATION_SERVICE, "/api/applications/mine"), as);
        if (!mine.ok()) {
            throw new IllegalStateException("The applications of " + applicant + ": " + mine.status() + " "
                    + mine.body());
        }
        boolean inProgress = false;
        Matcher application = APPLICATION.matcher(mine.body());
        List<int[]> starts = new ArrayList<>();
        while (application.find()) {
            starts.add(new int[]{application.start(), application.end()});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : mine.body().length();
            String view = mine.body().substring(starts.get(i)[0], end);
            String status = Json.text(view, "status");
            if ("DRAFT".equals(status)) {
                return Json.text(view, "applicationId");
            }
            if (!List.of("GRANTED", "DENIED", "WITHDRAWN").contains(status)) {
                inProgress = true;
            }
        }
        if (inProgress || !mayStart) {
            return null;
        }
        Target.Answer started = target.post(target.url(Target.APPLICATION_SERVICE, "/api/applications"), as,
                "{\"applicantName\": \"Bench Applicant\", \"category\": \"IFA\", \"contactEmail\": "
                        + "\"bench@example.org\", \"stateOfResidence\": \"MA\"}");
        if (started.status() != 201) {
            throw new IllegalStateException("Could not start an application for " + applicant + ": "
                    + started.status() + " " + started.body());
        }
        return Json.text(started.body(), "applicationId");
    }

    private long events(String aggregateId) throws SQLException {
        try (Connection connection = target.database("application");
             PreparedStatement sql = connection.prepareStatement(
                     "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            sql.setString(1, aggregateId);
            try (ResultSet count = sql.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }
}
