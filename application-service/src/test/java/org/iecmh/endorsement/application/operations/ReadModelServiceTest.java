package org.iecmh.endorsement.application.operations;

import org.iecmh.endorsement.application.ServiceTestBase;
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

        Response notAllowed = coordinator.post("/api/applications/read-models/application-view/rebuilds", null);
        Response rebuilt = rebuildApplicationView();

        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(rebuilt.at("/status")).as(rebuilt.text()).isEqualTo("DONE");
        assertThat(Long.parseLong(rebuilt.at("/processed"))).isGreaterThanOrEqualTo(eventTypes(id).size())
                .isEqualTo(Long.parseLong(rebuilt.at("/head")));
        assertThat(readModelRows()).isEqualTo(before);
        // The links' hashes are no read model: a rebuild leaves them, so links mailed before it still work.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reference_link WHERE application_id = ?", Integer.class,
                id)).isEqualTo(3);
    }

}
