package org.iecmh.endorsement.kit.readmodel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a held-back INSERT of one row is written for many rows, without a database. */
class MultiRowTest {

    @Test
    void withTheParametersTypesTheRowsAreATableOfParametersAndTheRowIsComputedFromIt() {
        HeldBackWrites.MultiRow insert = HeldBackWrites.MultiRow.of("""
                INSERT INTO endorsee (number, subject, since)
                VALUES (?, COALESCE((SELECT subject FROM claim WHERE number = ?), ?), ?)
                ON CONFLICT (number) DO NOTHING""");

        assertThat(insert.rows()).isEqualTo(128);
        String sql = insert.sql(List.of("varchar", "varchar", "varchar", "date"));
        assertThat(sql).startsWith("INSERT INTO endorsee (number, subject, since) SELECT held_values.held_1, "
                + "COALESCE((SELECT subject FROM claim WHERE number = held_values.held_2), held_values.held_3), "
                + "held_values.held_4 FROM (VALUES (?::varchar, ?::varchar, ?::varchar, ?::date), (?::varchar, ");
        assertThat(sql).endsWith(") AS held_values (held_1, held_2, held_3, held_4) ON CONFLICT (number) DO NOTHING");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(4 * 128);
    }

    @Test
    void withoutTheTypesOrWithADefaultTheRowsAreRowsOfValues() {
        String sql = HeldBackWrites.MultiRow.of("INSERT INTO t (a, b) VALUES (?, DEFAULT)").sql(List.of("int4"));

        assertThat(sql).startsWith("INSERT INTO t (a, b) VALUES (?, DEFAULT), (?, DEFAULT), ");
        assertThat(HeldBackWrites.MultiRow.of("INSERT INTO t VALUES (?, ?::jsonb)").sql(List.of()))
                .startsWith("INSERT INTO t VALUES (?, ?::jsonb), (?, ?::jsonb)");
    }

    @Test
    void insertsThatAreNotOneRowOfParametersHaveNoMultiRowForm() {
        assertThat(HeldBackWrites.MultiRow.of("INSERT INTO t VALUES (?) ON CONFLICT (a) DO UPDATE SET a = 1"))
                .isNull();
        assertThat(HeldBackWrites.MultiRow.of("INSERT INTO t SELECT ? FROM u")).isNull();
        assertThat(HeldBackWrites.MultiRow.of("INSERT INTO t VALUES (?, 'it''s')")).isNull();
        assertThat(HeldBackWrites.MultiRow.of("INSERT INTO t VALUES (1)")).isNull();
        assertThat(HeldBackWrites.MultiRow.of("INSERT INTO t VALUES (?) RETURNING a")).isNull();
    }
}
