package org.iecmh.endorsement.registry.search;

import org.iecmh.endorsement.registry.RegistryServiceApplication;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public search on the real PostgreSQL server, over enough endorsees for the planner to choose indexes: a common
 * part of a name is found by walking names in order, a rare one through the trigram index, and either way the pages
 * are exactly those of the plain query. Each test's endorsees are rolled back with it.
 */
@SpringBootTest(classes = RegistryServiceApplication.class, properties = "spring.config.name=" + RegistryServiceApplication.NAME)
@WithRealInfrastructure
class RegistrySearchTest {

    /** Every registry name in the synthetic set is a first name (common) and a made-up last name (rarer). */
    private static final String ENDORSEES = """
            INSERT INTO registry_entry (endorsement_number, tenant_id, name, name_folded, category, state,
                endorsed_since, valid_through, status, status_since, changed_at)
            SELECT 'SX-' || lpad(i::text, 6, '0'), CASE WHEN i % 3 = 0 THEN 'wa' ELSE 'ma' END, name, lower(name),
                (ARRAY['IFA','IFS','IMHS','IMHM-C','ECFA','ECMHS'])[1 + i % 6],
                CASE WHEN i % 3 = 0 THEN 'WA' ELSE 'MA' END, DATE '2020-01-01', DATE '2028-06-30',
                CASE WHEN i % 17 = 0 THEN 'LAPSED' ELSE 'ACTIVE' END, DATE '2020-01-01', now()
            FROM (SELECT i, (ARRAY['Ana','Ben','Carla','Dana','Eli','Maya','Noor','Zoe'])[1 + i % 8] || ' '
                         || initcap(s[1 + (i / 8) % 12] || s[1 + (i / 96) % 12]) AS name
                  FROM generate_series(1, ?::int) AS i,
                       (SELECT ARRAY['ba','ko','ri','lee','man','son','ta','vel','dor','mi','har','za'] AS s)
                           AS syllables) AS endorsee""";

    @Autowired
    Registry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void everyPageIsThePlainQuerysPageWhicheverWayThePartIsFound() {
        transaction.executeWithoutResult(status -> {
            jdbc.update(ENDORSEES, 12_000);
            jdbc.execute("ANALYZE registry_entry");
            int compared = 0;
            // "ana" and "dana" fill a page among the first names in order; "zoe" is as common but comes last;
            // "kori" and "vel" are rarer, "qqx" matches nothing.
            for (String part : List.of("ana", "Dána", "zoe", "kori", "vel", "leeman", "qqx", "a_b", "10%")) {
                for (String state : new String[]{null, "MA", "wa"}) {
                    for (List<String> categories : List.of(List.<String>of(), List.of("imhs"), List.of("IFA", "ECFA"))) {
                        for (int number = 0; number < 3; number++) {
                            RegistrySearch search = new RegistrySearch(part, state, categories, number, 20);
                            List<RegistryEntry> plain = plainPage(search);
                            RegistryPage page = registry.search(search);
                            assertThat(page.entries()).as("%s", search).isEqualTo(plain.subList(0,
                                    Math.min(plain.size(), search.size())));
                            assertThat(page.hasMore()).as("%s", search).isEqualTo(plain.size() > search.size());
                            compared++;
                        }
                    }
                }
            }
            assertThat(compared).isEqualTo(9 * 3 * 3 * 3);
            status.setRollbackOnly();
        });
    }

    @Test
    void aCommonPartIsFoundByWalkingNamesInOrderAndARareOneThroughTheTrigramIndex() {
        assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class,
                "registry_entry_active_name_trigrams")).contains("USING gin").contains("gin_trgm_ops")
                .contains("WHERE ((status)::text = 'ACTIVE'::text)");
        // A trigram index's pending list is read by every search; a small one is merged as it fills.
        assertThat(jdbc.queryForList("SELECT unnest(reloptions) FROM pg_class WHERE relname = ?", String.class,
                "registry_entry_active_name_trigrams")).contains("gin_pending_list_limit=256");

        transaction.executeWithoutResult(status -> {
            jdbc.update(ENDORSEES, 50_000);
            jdbc.execute("ANALYZE registry_entry");
            String walk = plan(registry.walkStatement(new RegistrySearch("ana", null, List.of(), 0, 20)));
            assertThat(walk).contains("registry_entry_active_names_in_order").doesNotContain("Seq Scan");
            String walkInState = plan(registry.walkStatement(new RegistrySearch("ana", "MA", List.of(), 0, 20)));
            assertThat(walkInState).contains("registry_entry_active_by_state").doesNotContain("Seq Scan");

            for (String part : List.of("Zoë Koba", "leeman", "zoe")) {
                String rare = plan(registry.searchStatement(new RegistrySearch(part, null, List.of(), 0, 20)));
                assertThat(rare).as(part).contains("registry_entry_active_name_trigrams")
                        .doesNotContain("Seq Scan").doesNotContain("registry_entry_active_names_in_order");
                String rareInState = plan(registry.searchStatement(new RegistrySearch(part, "MA", List.of(), 0, 20)));
                assertThat(rareInState).as(part).contains("registry_entry_active_name_trigrams")
                        .doesNotContain("registry_entry_active_by_state");
            }
            status.setRollbackOnly();
        });
    }

    private String plan(Registry.SearchStatement statement) {
        return String.join("\n", jdbc.queryForList("EXPLAIN " + statement.sql(), String.class,
                statement.arguments().toArray()));
    }

    /** The page asked and the first entry after it, by the simplest query there is. */
    private List<RegistryEntry> plainPage(RegistrySearch search) {
        StringBuilder sql = new StringBuilder("SELECT * FROM registry_entry WHERE status = 'ACTIVE'"
                + " AND strpos(name_folded, ?) > 0");
        List<Object> arguments = new ArrayList<>(List.of(Names.fold(search.name())));
        if (search.state() != null) {
            sql.append(" AND state = upper(?)");
            arguments.add(search.state());
        }
        if (!search.categories().isEmpty()) {
            sql.append(" AND category = ANY(?)");
            arguments.add(search.categories().stream().map(String::toUpperCase).toArray(String[]::new));
        }
        sql.append(" ORDER BY name_folded, endorsement_number LIMIT ").append(search.size() + 1)
                .append(" OFFSET ").append(search.page() * search.size());
        return jdbc.query(sql.toString(), (rs, n) -> new RegistryEntry(rs.getString("name"), rs.getString("category"),
                rs.getString("state"), rs.getString("endorsement_number"), rs.getDate("endorsed_since").toLocalDate(),
                rs.getDate("valid_through").toLocalDate(), List.of((String[]) rs.getArray("add_ons").getArray())),
                arguments.toArray());
    }
}
