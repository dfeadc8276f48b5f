package org.iecmh.endorsement.kit.readmodel;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * The indexes of tables being filled from scratch (a rebuild) that no constraint, uniqueness or conflict rests on: rows
 * go in faster without them, as an index kept up row by row costs more than one built once from all the rows.
 */
public final class SecondaryIndexes {

    private SecondaryIndexes() {
    }

    /**
     * Drops the tables' secondary indexes in the caller's transaction and answers their definitions, to be run again
     * (each makes its index under the same name) once the rows are in.
     */
    public static List<String> drop(JdbcTemplate jdbc, List<String> tables) {
        List<Map<String, Object>> indexes = jdbc.queryForList("""
                SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
                FROM pg_index i
                WHERE i.indrelid IN (SELECT to_regclass(t) FROM unnest(?::text[]) AS t)
                  AND NOT i.indisunique AND NOT i.indisexclusion
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY i.indexrelid""", (Object) tables.toArray(String[]::new));
        indexes.forEach(index -> jdbc.execute("DROP INDEX " + index.get("name")));
        return indexes.stream().map(index -> (String) index.get("definition")).toList();
    }
}
