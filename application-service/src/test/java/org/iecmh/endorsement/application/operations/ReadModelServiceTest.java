package org.iecmh.endorsement.application.operations;

import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The read models, rebuilt from the event store, on the running service. */
public class ReadModelServiceTest extends ServiceTestBase {

    @Test
    void theReadModelsRebuiltFromTheEventStoreEqualTheOnesKeptAsEventsHappened() {
        String id = startAndSubmit("Rebuilt Person", "IFA");
        coordinator.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of("Reason one")));
        List<Map<String, Object>> before = readModelRows();
        List<Map<String, Object>> indexesBefore = readModelIndexes();

        Response notAllowed = coordinator.post("/api/applications/read-models/application-view/rebuilds", null);
        Response rebuilt = rebuildApplicationView();

        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(rebuilt.at("/status")).as(rebuilt.text()).isEqualTo("DONE");
        assertThat(Long.parseLong(rebuilt.at("/processed"))).isGreaterThanOrEqualTo(eventTypes(id).size())
                .isEqualTo(Long.parseLong(rebuilt.at("/head")));
        assertThat(readModelRows()).isEqualTo(before);
        // Dropped while the rows went in, the indexes no constraint rests on were built again, as they were.
        assertThat(readModelIndexes()).isEqualTo(indexesBefore)
                .anySatisfy(index -> assertThat(index).containsEntry("name", "endorsee_by_subject"));
        // The links' hashes are no read model: a rebuild leaves them, so links mailed before it still work.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE application_id = ?", Integer.class,
                id)).isEqualTo(3);
    }

    /** The indexes of the read model's live tables, by name, with their definitions, and whether each is valid. */
    private List<Map<String, Object>> readModelIndexes() {
        return jdbc.queryForList("""
                SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition,
                       i.indisvalid AS valid
                FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.oid IN (SELECT to_regclass(n) FROM unnest(?::text[]) AS n)
                ORDER BY 1""", (Object) CaseFile.TABLES.toArray(String[]::new));
    }

}
