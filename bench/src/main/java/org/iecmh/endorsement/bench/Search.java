package org.iecmh.endorsement.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The registry's public search with 100,000 endorsees, straight to registry-service
 * ({@code GET /api/registry/endorsees?name=...[&state=MA]}), against the same SQL run over JDBC on its database. The
 * endorsees missing to make 100,000 are inserted with SQL into {@code registry_entry} (synthetic names, active,
 * states MA and WA) and deleted afterwards; the table is vacuumed and analysed once loaded, as autovacuum soon would (it vacuums a table after many inserts).
 */
final class Search {

    /** Parts of names of every selectivity: many matches, a few, and none (the whole table read). */
    private static final List<String> TERMS = List.of("ana", "leeson", "kori", "wenza", "mar", "zoe", "tonber", "qqx");
    /**
     * The queries registry-service's {@code Registry.search} sends for a name, with or without a state (first page of
     * 20, one more row to know whether a next page follows): first a walk of the first 1,000 active names in order,
     * then, if that did not fill the page, the names containing the part gathered through the trigram index. Keep them
     * in step with that class.
     */
    private static final String WALK = "SELECT entry.* FROM (SELECT name_folded, endorsement_number FROM registry_entry"
            + " WHERE status = 'ACTIVE'%s ORDER BY name_folded, endorsement_number LIMIT 1000) AS walked"
            + " JOIN registry_entry AS entry USING (endorsement_number) WHERE walked.name_folded LIKE ?"
            + " ORDER BY walked.name_folded, walked.endorsement_number LIMIT 21 OFFSET 0";
    private static final String GATHER = "WITH found AS MATERIALIZED (SELECT * FROM registry_entry"
            + " WHERE status = 'ACTIVE' AND name_folded LIKE ?%s) SELECT * FROM found"
            + " ORDER BY name_folded, endorsement_number LIMIT 21 OFFSET 0";

    private final Target target;
    private final Settings settings;
    private final String run;

    Search(Target target, Settings settings, String run) {
        this.target = target;
        this.settings = settings;
        this.run = run;
    }

    void measure(Table table) throws SQLException {
        String prefix = "BS" + run + "-";
        try (Connection registry = target.database("registry")) {
            long existing = count(registry);
            long missing = Math.max(0, settings.endorsees() - existing);
            Bench.say("search: " + existing + " endorsees listed, " + missing + " inserted with SQL");
            try (PreparedStatement load = registry.prepareStatement("""
                    INSERT INTO registry_entry (endorsement_number, tenant_id, name, name_folded, category, state,
                                                endorsed_since, valid_through, status, status_since, changed_at)
                    SELECT ? || i, tenant, name, lower(name), category, upper(tenant), since, DATE '2028-06-30',
                           'ACTIVE', since, now()
                    FROM (SELECT i,
                                 CASE WHEN i % 3 = 0 THEN 'wa' ELSE 'ma' END AS tenant,
                                 (ARRAY['Ana','Ben','Carla','Dana','Eli','Fatima','Gus','Hana','Ivan','Jo','Kim','Lee',
                                        'Maya','Noor','Omar','Pia','Quinn','Rosa','Sam','Tara','Uma','Vic','Wen','Xiu',
                                        'Yara','Zoe'])[1 + i % 26] || ' ' || initcap(
                                     s[1 + (i / 26) % 25] || s[1 + (i / 650) % 25] || s[1 + (i / 16250) % 25]) AS name,
                                 (ARRAY['IFA','IFS','IMHS','IMHM-C','ECFA','ECMHS'])[1 + i % 6] AS category,
                                 DATE '2016-01-01' + (i % 3000) AS since
                          FROM generate_series(1, ?::int) AS i,
                               (SELECT ARRAY['ba','ko','ri','lee','man','son','ta','vel','dor','mi','har','ste','lin',
                                             'gar','nor','pe','wen','za','fu','mar','ell','ric','ham','ton','ber'] AS s)
                                   AS syllables) AS endorsee""")) {
                load.setString(1, prefix);
                load.setInt(2, (int) missing);
                load.executeUpdate();
            }
            try (Statement sql = registry.createStatement()) {
                sql.execute("VACUUM ANALYZE registry_entry");
            }
            long endorsees = count(registry);
            try {
                Latencies http = new Latencies(settings.searches());
                int failures = 0;
                String firstFailure = null;
                for (int i = -30; i < settings.searches(); i++) {
                    String term = TERMS.get(Math.floorMod(i, TERMS.size()));
                    boolean withState = Math.floorMod(i / TERMS.size(), 2) == 1;
                    Target.Answer answer = target.get(target.url(Target.REGISTRY_SERVICE, "/api/registry/endorsees?name="
                            + URLEncoder.encode(term, StandardCharsets.UTF_8) + (withState ? "&state=MA" : "")),
                            java.util.Map.of());
                    if (!answer.ok()) {
                        failures++;
                        firstFailure = firstFailure == null ? answer.status() + " " + answer.body() : firstFailure;
                    } else if (i >= 0) {
                        http.add(answer.nanos());
                    }
                }
                Latencies sql = new Latencies(settings.searches());
                try (PreparedStatement walk = registry.prepareStatement(WALK.formatted(""));
                     PreparedStatement walkInState = registry.prepareStatement(WALK.formatted(" AND state = ?"));
                     PreparedStatement gather = registry.prepareStatement(GATHER.formatted(""));
                     PreparedStatement gatherInState = registry.prepareStatement(GATHER.formatted(" AND state = ?"))) {
                    for (int i = -30; i < settings.searches(); i++) {
                        String term = TERMS.get(Math.floorMod(i, TERMS.size()));
                        boolean withState = Math.floorMod(i / TERMS.size(), 2) == 1;
                        PreparedStatement first = withState ? walkInState : walk;
                        PreparedStatement second = withState ? gatherInState : gather;
                        bind(first, withState, term, true);
                        bind(second, withState, term, false);
                        long start = System.nanoTime();
                        if (AuditReads.readAll(first) < 21) {
                            AuditReads.readAll(second);
                        }
                        if (i >= 0) {
                            sql.add(System.nanoTime() - start);
                        }
                    }
                }
                String detail = String.format(Locale.ROOT, "%,d endorsees (%,d inserted with SQL); %d searches each "
                        + "way, sequential, terms %s, half with state=MA%s", endorsees, missing, http.count(), TERMS,
                        failures > 0 ? "; failed " + failures + ": " + firstFailure : "");
                table.add(Table.time("registry search p50, direct (8084)", http.p50(), "the same SQL over JDBC",
                        sql.p50(), "", detail));
                table.add(Table.time("registry search p99, direct (8084)", http.p99(), "the same SQL over JDBC",
                        sql.p99(), "<= 20 ms", "same searches"));
            } finally {
                try (PreparedStatement clean = registry.prepareStatement(
                        "DELETE FROM registry_entry WHERE endorsement_number LIKE ?")) {
                    clean.setString(1, prefix + "%");
                    clean.executeUpdate();
                }
            }
        }
    }

    /** The walk names the state before the part; the gathering, the part before the state. */
    private static void bind(PreparedStatement query, boolean withState, String term, boolean stateFirst)
            throws SQLException {
        int next = 1;
        if (withState && stateFirst) {
            query.setString(next++, "MA");
        }
        query.setString(next++, "%" + term + "%");
        if (withState && !stateFirst) {
            query.setString(next, "MA");
        }
    }

    private static long count(Connection registry) throws SQLException {
        try (Statement sql = registry.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM registry_entry WHERE status = 'ACTIVE'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
