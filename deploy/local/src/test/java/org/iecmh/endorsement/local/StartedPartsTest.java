package org.iecmh.endorsement.local;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed or interrupted start of the local platform had started is stopped, the last started first. */
class StartedPartsTest {

    private final List<String> said = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();
    private final StartedParts parts = new StartedParts(said::add);

    @Test
    void thePartsStopInTheReverseOrderOfTheirStartEachOnce() {
        parts.started("PostgreSQL", () -> stopped.add("PostgreSQL"));
        parts.started("Kafka", () -> stopped.add("Kafka"));
        parts.started("the S3 server", () -> stopped.add("the S3 server"));

        parts.stopAll();
        parts.stopAll();

        assertThat(stopped).containsExactly("the S3 server", "Kafka", "PostgreSQL");
        assertThat(said).containsExactly("Stopping the S3 server", "Stopping Kafka", "Stopping PostgreSQL");
    }

    @Test
    void aPartThatCannotStopDoesNotKeepTheOthersRunning() {
        parts.started("PostgreSQL", () -> stopped.add("PostgreSQL"));
        parts.started("Kafka", () -> {
            throw new IllegalStateException("the broker is wedged");
        });
        parts.started("the identity provider", () -> stopped.add("the identity provider"));

        parts.stopAll();

        assertThat(stopped).containsExactly("the identity provider", "PostgreSQL");
        assertThat(said).contains("Could not stop Kafka: java.lang.IllegalStateException: the broker is wedged");
    }

    @Test
    void aPartThatFinishesStartingAfterTheStopBeganIsStoppedAtOnce() {
        parts.started("PostgreSQL", () -> stopped.add("PostgreSQL"));
        parts.stopAll();

        parts.started("the gateway and the services", () -> stopped.add("the gateway and the services"));

        assertThat(stopped).containsExactly("PostgreSQL", "the gateway and the services");
    }
}
