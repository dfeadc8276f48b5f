package org.iecmh.endorsement.renewal.evidence;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The draw of the renewal audit: reproducible from the event, and fair to the association's share. */
class RenewalAuditDrawTest {

    private static final LocalDate THROUGH = LocalDate.of(2027, 12, 31);

    @Test
    void theDrawIsMadeOfTheAssociationTheEndorsementAndTheCycleAlone() {
        int draw = RenewalAuditDraw.draw("ma", "MA-000001", THROUGH);

        assertThat(RenewalAuditDraw.draw("ma", "MA-000001", THROUGH)).isEqualTo(draw);
        assertThat(draw).isBetween(0, RenewalAuditDraw.RANGE - 1);
        // Another cycle, endorsement or association is another draw (these four differ, as SHA-256 makes likely).
        assertThat(IntStream.of(draw, RenewalAuditDraw.draw("ma", "MA-000001", THROUGH.plusYears(1)),
                RenewalAuditDraw.draw("ma", "MA-000002", THROUGH), RenewalAuditDraw.draw("wa", "MA-000001", THROUGH)))
                .doesNotHaveDuplicates();
        // Written down once (SHA-256 of "renewal-audit\nma\nMA-000001\n2027-12-31", its first four bytes modulo
        // 10,000), so that a change of the formula, which would redraw every recorded audit, shows.
        assertThat(draw).isEqualTo(345);
    }

    @Test
    void noneIsSampledAtZeroPercentEveryOneAtAHundredAndAboutTheShareInBetween() {
        int[] draws = IntStream.range(0, 20_000)
                .map(n -> RenewalAuditDraw.draw("wa", "WA-%06d".formatted(n), THROUGH)).toArray();

        assertThat(IntStream.of(draws).filter(d -> RenewalAuditDraw.sampled(d, 0))).isEmpty();
        assertThat(IntStream.of(draws).filter(d -> RenewalAuditDraw.sampled(d, 100))).hasSize(draws.length);
        long tenPercent = IntStream.of(draws).filter(d -> RenewalAuditDraw.sampled(d, 10)).count();
        assertThat(tenPercent).isBetween(1_800L, 2_200L);
        assertThat(RenewalAuditDraw.sampled(99, 1)).isTrue();
        assertThat(RenewalAuditDraw.sampled(100, 1)).isFalse();
    }
}
