package org.iecmh.endorsement.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code deploy/local/run --clock <instant>}: what the services are started with. */
class RehearsalClockTest {

    @Test
    void withClockEveryServiceStartsAtTheInstantAndTheScheduleLooksOften() {
        List<String> arguments = LocalPlatform.rehearsalArguments(List.of("--reset", "--clock", "2027-09-30T23:55:00Z"));
        assertThat(arguments).hasSize(3).contains("--iecmh.clock.start=2027-09-30T23:55:00Z",
                "--iecmh.schedule.sweep-every=PT10S");
        assertThat(arguments.get(1)).startsWith("--iecmh.clock.set-at=");
        assertThat(LocalPlatform.rehearsalArguments(List.of("--reset"))).isEmpty();
        assertThatThrownBy(() -> LocalPlatform.rehearsalArguments(List.of("--clock", "tomorrow")))
                .hasMessageContaining("--clock needs an instant");
        assertThatThrownBy(() -> LocalPlatform.rehearsalArguments(List.of("--clock")))
                .hasMessageContaining("--clock needs an instant");
    }
}
