package org.iecmh.endorsement.kit.eventstore;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HeadPacingTest {

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final HeadPacing pacing = new HeadPacing(Duration.ofMillis(10), now::get);

    @Test
    void aReaderThatHasNotReachedTheHeadReadsAtOnce() {
        assertThat(pacing.waitBeforeReading()).isZero();
        pacing.read(1000, 1000);
        assertThat(pacing.waitBeforeReading()).isZero();
    }

    @Test
    void aReaderAtTheHeadReadsAgainAnIntervalAfterTheReadThatFoundLess() {
        pacing.read(2, 1000);
        now.addAndGet(4 * MS);
        assertThat(pacing.waitBeforeReading()).isEqualTo(6 * MS);

        now.addAndGet(6 * MS);
        assertThat(pacing.waitBeforeReading()).isZero();
    }

    @Test
    void anEmptyReadCountsAsReachingTheHead() {
        pacing.read(0, 1000);
        assertThat(pacing.waitBeforeReading()).isEqualTo(10 * MS);
    }

    @Test
    void aFullBatchAfterTheHeadEndsThePacing() {
        pacing.read(3, 1000);
        now.addAndGet(10 * MS);
        pacing.read(1000, 1000);
        assertThat(pacing.waitBeforeReading()).isZero();
    }

    @Test
    void eachThreadIsAReaderOfItsOwn() {
        pacing.read(0, 1000);
        long otherThreadWaits = CompletableFuture.supplyAsync(pacing::waitBeforeReading).join();
        assertThat(otherThreadWaits).isZero();
        assertThat(pacing.waitBeforeReading()).isEqualTo(10 * MS);
    }
}
