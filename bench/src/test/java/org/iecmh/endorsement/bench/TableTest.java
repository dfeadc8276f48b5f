package org.iecmh.endorsement.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void aRateIsItsShareOfTheLimitAndATimeHowManyTimesTheLimitItTakes() {
        Table.Row rate = Table.rate("commands/s", 1300, "INSERT+COMMIT", 5200, ">= 25%", "");
        Table.Row time = Table.time("state-at", 95, "raw read", 9.5, "<= 10×", "");

        assertThat(rate.figure()).isEqualTo("1,300/s");
        assertThat(rate.limit()).isEqualTo("INSERT+COMMIT: 5,200/s");
        assertThat(rate.ratio()).isEqualTo("25%");
        assertThat(time.ratio()).isEqualTo("10×");
        assertThat(Table.percent(1, 64)).isEqualTo("1.6%");
        assertThat(Table.times(3.9, 2.6)).isEqualTo("1.5×");
    }

    @Test
    void aFigureThatCouldNotBeMeasuredSaysSoInsteadOfANumber() {
        assertThat(Table.rate("ingest", Double.NaN, "plain consumer", 56_000, "", "").ratio()).isEqualTo("n/a");
        assertThat(Table.millis(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void theTableIsOneMarkdownTableWhoseCellsCannotBreakIt() {
        Table table = new Table();
        table.add(Table.rate("one-event commands/s, c = 8, direct (8081)", 200, "INSERT+COMMIT c = 8", 6000,
                ">= 25%", "p99 80 ms"));
        table.add(Table.failed("registry ingest", "ended | FAILED\nafter 3 s"));

        String[] lines = table.markdown().split("\n");

        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("| measurement | figure | physical limit (same run) | ratio |");
        assertThat(lines[2]).isEqualTo("| one-event commands/s, c = 8, direct (8081) | 200/s | "
                + "INSERT+COMMIT c = 8: 6,000/s | 3.3% | >= 25% | p99 80 ms |");
        assertThat(lines[3].chars().filter(c -> c == '|').count()).isEqualTo(7);
    }
}
