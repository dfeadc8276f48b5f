package org.iecmh.endorsement.local;

import org.iecmh.endorsement.local.EndorsementFlow.Outcome;
import org.iecmh.endorsement.local.PatientClient.Answer;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * What the platform holds for each flow of the fault-injection test, counted where it is kept: the events of the
 * application, invoice and endorsement streams in each service's event store, the endorsement numbers drawn, the
 * registry's entries, and the payments the card processor took. A flow whose client was answered at every step must
 * have each of its effects exactly once; one missing is lost, one more is doubled. A flow that did not finish is lost
 * too (its client was answered until the step that never came). Then the dead letters left and each association's
 * hash chains, through the operators' and auditors' APIs.
 */
final class EffectCount {

    /** The events of one IFA application from start to grant, by type. */
    static final Map<String, Integer> APPLICATION_EVENTS = Map.of("ApplicationStarted", 1,
            "PortfolioEntryRecorded", 2, "RaterNamed", 3, "ReferenceSubmitted", 3, "ApplicationSubmitted", 1,
            "ReviewOpened", 1, "ReviewersAssigned", 1, "ReviewRecorded", 2, "PortfolioApproved", 1,
            "EndorsementGranted", 1);
    /** The events of its invoice: issued, paid by card once, settled. */
    static final Map<String, Integer> INVOICE_EVENTS = Map.of("InvoiceIssued", 1, "PaymentRecorded", 1,
            "InvoiceSettled", 1);

    private final List<String> problems = new ArrayList<>();
    private final Set<Integer> lostFlows = new TreeSet<>();
    private final Set<Integer> doubledFlows = new TreeSet<>();
    private String deadLetters = "";

    List<String> problems() {
        return problems;
    }

    int lost() {
        return lostFlows.size();
    }

    int doubled() {
        return doubledFlows.size();
    }

    String deadLetters() {
        return deadLetters;
    }

    static EffectCount of(PlatformUnderFaults platform, EndorsementFlow.Cast cast, List<EndorsementFlow> flows,
                          String tenant) {
        EffectCount count = new EffectCount();
        List<EndorsementFlow> completed = flows.stream().filter(f -> f.outcome == Outcome.COMPLETED).toList();
        flows.stream().filter(f -> f.outcome != Outcome.COMPLETED)
                .forEach(f -> count.lose(f, "did not finish: " + f.failure));

        JdbcTemplate applications = platform.database("application");
        JdbcTemplate payments = platform.database("payment");
        JdbcTemplate renewals = platform.database("renewal");
        JdbcTemplate registry = platform.database("registry");

        // renewal-service keeps the endorsement on its own time: wait for it (each flow waited for the registry). One
        // that never comes is counted lost below.
        List<String> numbers = completed.stream().map(f -> f.endorsementNumber).toList();
        try {
            await("renewal-service keeps every granted endorsement").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> renewals.queryForObject("""
                            SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry
                            WHERE payload_type LIKE '%.EndorsementActivated' AND aggregate_identifier = ANY(?)""",
                            Long.class, (Object) array(numbers)) >= numbers.size());
        } catch (ConditionTimeoutException someNeverCame) {
            // Counted below.
        }

        // Each application's events, and each applicant's applications.
        Map<String, Map<String, Integer>> applicationEvents = eventsByStream(applications,
                flows.stream().map(f -> f.applicationId).filter(id -> id != null).toList());
        Map<String, Integer> started = countBy(applications, """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'personId' FROM domain_event_entry
                WHERE payload_type LIKE '%.ApplicationStarted'""");
        Map<String, Integer> invoicesByApplication = countBy(payments, """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'applicationId' FROM domain_event_entry
                WHERE payload_type LIKE '%.InvoiceIssued'""");
        Map<String, Map<String, Integer>> invoiceEvents = eventsByStream(payments,
                flows.stream().map(f -> f.invoiceId).filter(id -> id != null).toList());
        Map<String, Map<String, Integer>> endorsementEvents = eventsByStream(renewals, numbers);
        Map<String, Integer> charges = platform.cards().succeededPaymentsByInvoice().stream()
                .collect(Collectors.toMap(Function.identity(), invoice -> 1, Integer::sum));
        Map<String, String> listed = new HashMap<>();
        registry.query("SELECT endorsement_number, status FROM registry_entry WHERE tenant_id = ?",
                (RowCallbackHandler) row -> listed.put(row.getString(1), row.getString(2)), tenant);

        for (EndorsementFlow flow : flows) {
            count.compare(flow, "applications of " + flow.applicant, flow.outcome == Outcome.COMPLETED ? 1 : null,
                    started.getOrDefault(flow.applicant, 0));
            if (flow.applicationId != null) {
                count.compare(flow, "invoices of " + flow.applicationId,
                        flow.outcome == Outcome.COMPLETED ? 1 : null,
                        invoicesByApplication.getOrDefault(flow.applicationId, 0));
                count.compareEvents(flow, "application " + flow.applicationId, APPLICATION_EVENTS,
                        applicationEvents.getOrDefault(flow.applicationId, Map.of()));
            }
            if (flow.invoiceId != null) {
                count.compareEvents(flow, "invoice " + flow.invoiceId, INVOICE_EVENTS,
                        invoiceEvents.getOrDefault(flow.invoiceId, Map.of()));
                count.compare(flow, "card payments taken for " + flow.invoiceId,
                        flow.outcome == Outcome.COMPLETED ? 1 : null, charges.getOrDefault(flow.invoiceId, 0));
            }
            if (flow.endorsementNumber != null) {
                count.compare(flow, "EndorsementActivated of " + flow.endorsementNumber, 1,
                        endorsementEvents.getOrDefault(flow.endorsementNumber, Map.of())
                                .getOrDefault("EndorsementActivated", 0));
                String status = listed.get(flow.endorsementNumber);
                if (!"ACTIVE".equals(status)) {
                    count.lose(flow, flow.endorsementNumber + " is " + status + " in the registry");
                }
            }
        }

        // Numbers are drawn without gaps: a grant stored twice would draw one more than the grants answered.
        long drawn = applications.queryForObject(
                "SELECT coalesce(max(last_number), 0) FROM endorsement_number_counter WHERE tenant_id = ?",
                Long.class, tenant);
        long granted = applications.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.EndorsementGranted'", Long.class);
        if (drawn != completed.size() || granted != completed.size() || listed.size() != completed.size()) {
            count.problems.add(String.format("%d flows granted; numbers drawn %d, EndorsementGranted events %d, "
                    + "registry entries %d", completed.size(), drawn, granted, listed.size()));
        }
        if (Set.copyOf(numbers).size() != numbers.size()) {
            count.problems.add("one endorsement number answered to two flows");
        }

        count.deadLetters = count.deadLettersLeft(cast);
        count.chainsVerify(cast, List.of(tenant, "wa"));
        return count;
    }

    private String deadLettersLeft(EndorsementFlow.Cast cast) {
        PatientClient operator = cast.gateway().apply(FaultInjectionIT.identity(
                LocalIssuer.instance().token("ma", "faults-operator", "PLATFORM_ADMIN")));
        Map<String, Long> waiting = new TreeMap<>();
        for (String path : List.of("/api/applications/dead-letters", "/api/endorsements/dead-letters",
                "/api/payments/dead-letters", "/api/registry/admin/dead-letters")) {
            Answer answer = operator.get(path);
            if (!answer.is(200)) {
                problems.add(path + " answered " + answer);
                continue;
            }
            answer.body().forEach(binding -> {
                if (binding.get("waiting").asLong() > 0) {
                    waiting.put(binding.get("deadLetterTopic").asText(), binding.get("waiting").asLong());
                }
            });
        }
        if (!waiting.isEmpty()) {
            problems.add("dead letters left unexplained: " + waiting);
        }
        return waiting.isEmpty() ? "none left" : waiting.toString();
    }

    private void chainsVerify(EndorsementFlow.Cast cast, List<String> tenants) {
        for (String tenant : tenants) {
            PatientClient auditor = cast.gateway().apply(Map.of("Authorization", "Bearer "
                    + LocalIssuer.instance().token(tenant, "faults-auditor", "AUDITOR"), "X-Tenant-Id", tenant));
            for (String kind : List.of("applications", "endorsements", "invoices", "associations")) {
                Answer verified = auditor.get("/api/audit/" + kind + "/verification");
                if (!verified.is(200) || !verified.body().get("intact").asBoolean()) {
                    problems.add("the " + kind + " chains of " + tenant + " do not verify: " + verified);
                }
            }
        }
    }

    /**
     * A finished flow has exactly the expected events; an unfinished one some of them, none more often than a
     * finished one has it.
     */
    private void compareEvents(EndorsementFlow flow, String stream, Map<String, Integer> expected,
                               Map<String, Integer> found) {
        Set<String> types = new TreeSet<>(expected.keySet());
        types.addAll(found.keySet());
        for (String type : types) {
            int most = expected.getOrDefault(type, 0);
            int stored = found.getOrDefault(type, 0);
            if (stored > most) {
                doubled(flow, stored + " " + type + " of " + stream + ", " + most + " expected");
            } else if (stored < most && flow.outcome == Outcome.COMPLETED) {
                lose(flow, stored + " " + type + " of " + stream + ", " + most + " expected");
            }
        }
    }

    /** {@code expected} null: the flow did not finish, so only more than once is wrong. */
    private void compare(EndorsementFlow flow, String what, Integer expected, int found) {
        if (expected == null) {
            if (found > 1) {
                doubled(flow, found + " " + what);
            }
        } else if (found < expected) {
            lose(flow, found + " " + what + ", " + expected + " expected");
        } else if (found > expected) {
            doubled(flow, found + " " + what + ", " + expected + " expected");
        }
    }

    private void lose(EndorsementFlow flow, String why) {
        lostFlows.add(flow.index);
        problems.add("lost, flow " + flow.index + ": " + why);
    }

    private void doubled(EndorsementFlow flow, String why) {
        doubledFlows.add(flow.index);
        problems.add("doubled, flow " + flow.index + ": " + why);
    }

    /** Events by stream and type (the payload type's simple name). */
    private static Map<String, Map<String, Integer>> eventsByStream(JdbcTemplate database, List<String> streams) {
        Map<String, Map<String, Integer>> events = new LinkedHashMap<>();
        database.query("""
                SELECT aggregate_identifier, payload_type, count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ANY(?) GROUP BY aggregate_identifier, payload_type""", row -> {
            String type = row.getString(2);
            events.computeIfAbsent(row.getString(1), id -> new TreeMap<>())
                    .put(type.substring(type.lastIndexOf('.') + 1), row.getInt(3));
        }, (Object) array(streams));
        return events;
    }

    private static Map<String, Integer> countBy(JdbcTemplate database, String sql) {
        Map<String, Integer> counts = new HashMap<>();
        database.query(sql, (RowCallbackHandler) row -> counts.merge(row.getString(1), 1, Integer::sum));
        return counts;
    }

    /** A list as an SQL array parameter. */
    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
