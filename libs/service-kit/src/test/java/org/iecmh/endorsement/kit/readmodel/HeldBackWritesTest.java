package org.iecmh.endorsement.kit.readmodel;

import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes held back in a transaction, on the real PostgreSQL server: they reach the database in a few batches however
 * many there are and however they alternate between tables, and the tables end as if each statement had been sent at
 * once. Each test works on temporary tables in a transaction it rolls back.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class HeldBackWritesTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void writesThatAlternateBetweenTablesGoAsOneBatchPerStatement() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_person (id int PRIMARY KEY, name text, visits int)");
            jdbc.execute("CREATE TEMPORARY TABLE held_provider (id int PRIMARY KEY, category text)");
            long batches;
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 600; i++) {
                    // One event's writes: a row in each table, the second only for some.
                    assertThat(jdbc.update("INSERT INTO held_person VALUES (?, ?, 0)", i, "person " + i)).isEqualTo(1);
                    if (i % 2 == 0) {
                        jdbc.update("INSERT INTO held_provider VALUES (?, ?) ON CONFLICT (id) DO NOTHING", i, "IMHS");
                    }
                }
                batches = writes.batchesSent();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM held_person WHERE id >= ?", Long.class, 0))
                        .isEqualTo(600);
                // The table read: INSERTs of 128 rows each in one batch, and the rows left over in another.
                assertThat(writes.batchesSent() - batches).isEqualTo(2);
                writes.flush();
                assertThat(writes.batchesSent() - batches).isEqualTo(4);
            }
            assertThat(batches).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_provider", Long.class)).isEqualTo(300);
            status.setRollbackOnly();
        });
    }

    @Test
    void eachTableSeesItsWritesInTheOrderTheyWereRun() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_person (id int PRIMARY KEY, name text, visits int)");
            jdbc.execute("CREATE TEMPORARY TABLE held_provider (id int PRIMARY KEY, category text)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 50; i++) {
                    jdbc.update("INSERT INTO held_person VALUES (?, ?, 0)", i, "first " + i);
                    jdbc.update("INSERT INTO held_provider VALUES (?, 'IFA')", i);
                    jdbc.update("UPDATE held_person SET visits = visits + 1, name = ? WHERE id = ?", "second " + i, i);
                    // The insert's SQL again, behind the update: the row must exist before it is deleted below.
                    jdbc.update("DELETE FROM held_person WHERE id = ?", i - 1);
                    jdbc.update("INSERT INTO held_person VALUES (?, ?, 0)", 1000 + i, "third " + i);
                    jdbc.update("UPDATE held_person SET visits = visits + 10 WHERE id = ?", 1000 + i);
                }
            }
            List<Map<String, Object>> people = jdbc.queryForList("SELECT * FROM held_person ORDER BY id");
            assertThat(people).hasSize(51);
            assertThat(people.get(0)).containsEntry("id", 49).containsEntry("name", "second 49")
                    .containsEntry("visits", 1);
            assertThat(people.subList(1, 51)).allSatisfy(person -> assertThat(person).containsEntry("visits", 10));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_provider", Long.class)).isEqualTo(50);
            status.setRollbackOnly();
        });
    }

    @Test
    void tablesTiedByAForeignKeyOrAStatementThatReadsAnotherTableKeepTheOrderAcrossTables() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_application (id int PRIMARY KEY)");
            jdbc.execute("CREATE TEMPORARY TABLE held_entry (id int PRIMARY KEY,"
                    + " application_id int NOT NULL REFERENCES held_application (id))");
            jdbc.execute("CREATE TEMPORARY TABLE held_count (application_id int PRIMARY KEY, entries bigint)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 20; i++) {
                    jdbc.update("INSERT INTO held_application VALUES (?)", i);
                    jdbc.update("INSERT INTO held_entry VALUES (?, ?)", i, i);
                    // Reads held_entry: everything before it must have reached the database.
                    jdbc.update("INSERT INTO held_count SELECT ?, count(*) FROM held_entry WHERE application_id = ?",
                            i, i);
                    jdbc.update("DELETE FROM held_entry WHERE id = ?", i);
                    jdbc.update("DELETE FROM held_application WHERE id = ?", i);
                }
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_application", Long.class)).isZero();
            assertThat(jdbc.queryForList("SELECT DISTINCT entries FROM held_count", Long.class)).containsExactly(1L);
            status.setRollbackOnly();
        });
    }
    @Test
    void aWriteThatReadsAnotherTableIsHeldBackAndSeesThatTableAsItWasWhenItRan() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_claim (number text PRIMARY KEY, subject text)");
            jdbc.execute("CREATE TEMPORARY TABLE held_endorsee (number text PRIMARY KEY, subject text)");
            jdbc.update("INSERT INTO held_claim VALUES ('N-1', 'claimed-1')");
            String endorsee = """
                    INSERT INTO held_endorsee (number, subject)
                    VALUES (?, COALESCE((SELECT subject FROM held_claim WHERE number = ?), ?))
                    ON CONFLICT (number) DO NOTHING""";
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 400; i++) {
                    jdbc.update(endorsee, "N-" + i, "N-" + i, "person-" + i);
                }
                // Held back behind the endorsees that read it: those must not see this claim.
                jdbc.update("INSERT INTO held_claim VALUES (?, ?)", "N-2", "claimed-2");
                jdbc.update(endorsee, "N-2", "N-2", "twice");
                jdbc.update(endorsee, "N-400", "N-2", "person-400");
                // The 400 endorsees before the claim (384 rows as three INSERTs, 16 as a batch), then the claim
                // before the endorsee that reads it.
                assertThat(writes.batchesSent()).isEqualTo(3);
                writes.flush();
                assertThat(writes.batchesSent()).isEqualTo(4);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_endorsee", Long.class)).isEqualTo(401);
            assertThat(jdbc.queryForObject("SELECT subject FROM held_endorsee WHERE number = 'N-1'", String.class))
                    .isEqualTo("claimed-1");
            assertThat(jdbc.queryForObject("SELECT subject FROM held_endorsee WHERE number = 'N-2'", String.class))
                    .isEqualTo("person-2");
            assertThat(jdbc.queryForObject("SELECT subject FROM held_endorsee WHERE number = 'N-400'", String.class))
                    .isEqualTo("claimed-2");
            status.setRollbackOnly();
        });
    }

    @Test
    void insertsOfOneRowGoAsOneStatementWithTheOutcomeOfOneByOne() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_entry (id int PRIMARY KEY, kind text, entry jsonb,"
                    + " note text, at timestamptz, position bigserial)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 1500; i++) {
                    // Every tenth id twice: the first is kept, as one by one. Nulls of unknown type too.
                    jdbc.update("INSERT INTO held_entry (id, kind, entry, note, at) VALUES (?, ?, ?::jsonb, ?, ?)"
                                    + " ON CONFLICT (id) DO NOTHING", i - i % 10 / 9, i % 2 == 0 ? "even" : "odd",
                            "{\"n\": " + i + "}", i % 3 == 0 ? null : "note " + i,
                            java.sql.Timestamp.from(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
                }
                // The first 1,024 rows, as eight INSERTs of 128 rows in one batch.
                assertThat(writes.batchesSent()).isEqualTo(1);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_entry", Long.class)).isEqualTo(1350);
            assertThat(jdbc.queryForMap("SELECT * FROM held_entry WHERE id = 18")).containsEntry("kind", "even")
                    .containsEntry("note", null);
            assertThat(jdbc.queryForObject("SELECT entry->>'n' FROM held_entry WHERE id = 18", String.class))
                    .isEqualTo("18");
            assertThat(jdbc.queryForObject("SELECT note FROM held_entry WHERE id = 1498", String.class))
                    .isEqualTo("note 1498");
            // Rows reach the table in the order they were run.
            assertThat(jdbc.queryForList("SELECT id FROM held_entry ORDER BY position", Integer.class))
                    .isSortedAccordingTo(Integer::compare);
            status.setRollbackOnly();
        });
    }

    @Test
    void aWriteThatReadsItsOwnTableOrSomethingElseThanATableKeepsItsPlace() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_count (id int PRIMARY KEY, seen bigint)");
            jdbc.execute("CREATE TEMPORARY TABLE held_other (id int PRIMARY KEY)");
            jdbc.execute("CREATE TEMPORARY VIEW held_view AS SELECT id FROM held_other");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 30; i++) {
                    // Each row counts the rows before it: a batch keeps that, one multi-row INSERT would not.
                    jdbc.update("INSERT INTO held_count VALUES (?, (SELECT count(*) FROM held_count))", i);
                    jdbc.update("INSERT INTO held_other VALUES (?)", i);
                    // Reads a view of held_other: sent at once, after everything before it.
                    jdbc.update("UPDATE held_count SET seen = seen * 1000 + (SELECT count(*) FROM held_view)"
                            + " WHERE id = ?", i);
                }
            }
            List<Long> seen = jdbc.queryForList("SELECT seen FROM held_count ORDER BY id", Long.class);
            assertThat(seen).hasSize(30);
            for (int i = 0; i < 30; i++) {
                assertThat(seen.get(i)).isEqualTo(i * 1000L + i + 1);
            }
            status.setRollbackOnly();
        });
    }
    @Test
    void writesHandedToTheBackgroundReachTheDatabaseBeforeAnythingElseUsesTheConnection() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_page (id int PRIMARY KEY, page int)");
            jdbc.execute("CREATE TEMPORARY TABLE held_total (page int PRIMARY KEY, seen bigint)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int page = 0; page < 5; page++) {
                    for (int i = 0; i < 300; i++) {
                        jdbc.update("INSERT INTO held_page VALUES (?, ?)", page * 300 + i, page);
                    }
                    // Reads what the pages before handed over: all of it is there.
                    jdbc.update("INSERT INTO held_total SELECT ?, count(*) FROM held_page", page);
                    writes.sendInBackground();
                }
                assertThat(jdbc.queryForObject("SELECT count(*) FROM held_page", Long.class)).isEqualTo(1500);
            }
            assertThat(jdbc.queryForList("SELECT seen FROM held_total ORDER BY page", Long.class))
                    .containsExactly(300L, 600L, 900L, 1200L, 1500L);
            status.setRollbackOnly();
        });
    }

    @Test
    void aFailureToSendInTheBackgroundIsThrownWhereTheConnectionIsUsedNext() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_unique (id int PRIMARY KEY)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                jdbc.update("INSERT INTO held_unique VALUES (?)", 1);
                jdbc.update("INSERT INTO held_unique VALUES (?)", 1);
                writes.sendInBackground();

                assertThatThrownBy(() -> jdbc.queryForObject("SELECT count(*) FROM held_unique", Long.class))
                        .hasMessageContaining("INSERT INTO held_unique")
                        .rootCause().hasMessageContaining("duplicate key");
            }
            status.setRollbackOnly();
        });
    }
    @Test
    void rowsKeptFromAHandOverStillGoBeforeALaterWriteToATableTheyRead() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_claim (number text PRIMARY KEY, subject text)");
            jdbc.execute("CREATE TEMPORARY TABLE held_endorsee (number text PRIMARY KEY, subject text)");
            jdbc.update("INSERT INTO held_claim VALUES ('N-5', 'claimed-5')");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (int i = 0; i < 200; i++) {
                    jdbc.update("INSERT INTO held_endorsee VALUES (?, COALESCE((SELECT subject FROM held_claim"
                            + " WHERE number = ?), ?))", "N-" + i, "N-" + i, "person-" + i);
                }
                // 128 rows go as one INSERT; the 72 left wait for the next hand-over...
                writes.sendInBackground();
                // ...but not past a claim that those rows must not see.
                jdbc.update("INSERT INTO held_claim VALUES (?, ?)", "N-150", "claimed-150");
                // The claims' table sends its writes once a statement of it comes again behind another.
                jdbc.update("DELETE FROM held_claim WHERE number = ?", "N-none");
                jdbc.update("INSERT INTO held_claim VALUES (?, ?)", "N-151", "claimed-151");
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_endorsee", Long.class)).isEqualTo(200);
            assertThat(jdbc.queryForList("SELECT subject FROM held_endorsee WHERE number IN ('N-5', 'N-150')"
                    + " ORDER BY number DESC", String.class)).containsExactly("claimed-5", "person-150");
            status.setRollbackOnly();
        });
    }

    @Test
    void aQuerySendsTheWritesOfTheTablesItNamesAndLeavesTheOthersHeldBack() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_case (id int PRIMARY KEY, status text)");
            jdbc.execute("CREATE TEMPORARY TABLE held_entry (id int PRIMARY KEY, case_id int)");
            jdbc.execute("CREATE TEMPORARY TABLE held_note (id int PRIMARY KEY, case_id int)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                jdbc.update("INSERT INTO held_case VALUES (?, ?)", 1, "DRAFT");
                for (int i = 0; i < 300; i++) {
                    jdbc.update("INSERT INTO held_entry VALUES (?, ?)", i, 1);
                    jdbc.update("INSERT INTO held_note VALUES (?, ?)", i, 1);
                }
                writes.forgetQueried();
                assertThat(jdbc.queryForObject("SELECT status FROM held_case WHERE id = ?", String.class, 1))
                        .isEqualTo("DRAFT");
                // held_case's one row, nothing of the others.
                assertThat(writes.batchesSent()).isEqualTo(1);
                assertThat(writes.tablesQueried()).contains(Set.of("held_case"));

                // A join and a sub-select: the tables named in either are read.
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM held_case c JOIN held_entry e ON e.case_id = c.id
                        WHERE c.id IN (SELECT case_id FROM held_entry WHERE id < ?)""", Long.class, 10))
                        .isEqualTo(300);
                assertThat(writes.batchesSent()).isEqualTo(3);
                assertThat(writes.tablesQueried()).contains(Set.of("held_case", "held_entry"));

                // A relation that is not named (a sub-select in FROM) could read anything: everything is sent.
                assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT id FROM held_note) AS notes"
                        + " WHERE id >= ?", Long.class, 0)).isEqualTo(300);
                assertThat(writes.batchesSent()).isEqualTo(5);
                assertThat(writes.tablesQueried()).isEmpty();
            }
            status.setRollbackOnly();
        });
    }

    @Test
    void writesNotSentAheadWaitUntilTheirTableIsReadAndAreDroppedUnread() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("CREATE TEMPORARY TABLE held_case (id int PRIMARY KEY, entries int)");
            jdbc.execute("CREATE TEMPORARY TABLE held_entry (id int PRIMARY KEY, case_id int, entry jsonb)");
            jdbc.execute("CREATE TEMPORARY TABLE held_note (id int PRIMARY KEY, case_id int)");
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                writes.sendAheadOnly(Set.of("HELD_CASE"));
                jdbc.update("INSERT INTO held_case VALUES (?, 0)", 1);
                for (int i = 0; i < 2000; i++) {
                    jdbc.update("INSERT INTO held_entry VALUES (?, ?, ?::jsonb)", i, 1, "{\"n\": " + i + "}");
                    jdbc.update("INSERT INTO held_note VALUES (?, ?)", i, 1);
                    jdbc.update("UPDATE held_case SET entries = entries + 1 WHERE id = ?", 1);
                    if (i % 256 == 255) {
                        writes.sendInBackground();
                    }
                }
                // Only held_case's writes were handed over (a batch each time); the 4,000 rows of the others wait,
                // past the 1,024 that would otherwise have sent everything.
                assertThat(writes.batchesSent()).isBetween(1L, 16L);
                assertThat(jdbc.queryForObject("SELECT entries FROM held_case WHERE id = ?", Integer.class, 1))
                        .isEqualTo(2000);
                long beforeNotes = writes.batchesSent();
                // Read, held_note's rows are sent: a query sees every write to what it reads.
                assertThat(jdbc.queryForObject("SELECT count(*) FROM held_note WHERE id >= ?", Long.class, 0))
                        .isEqualTo(2000);
                assertThat(writes.batchesSent()).isGreaterThan(beforeNotes);
                writes.discard();
            }
            // held_entry's were never read, and never sent.
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_entry", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM held_note", Long.class)).isEqualTo(2000);
            status.setRollbackOnly();
        });
    }
}
