package org.iecmh.endorsement.kit.time;

import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Leases on the real PostgreSQL server, as several instances of a service would take them. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class LeasesTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneInstanceAtATimeHoldsALeaseUntilItGivesItBackOrItExpires() {
        String name = "sweep-" + UUID.randomUUID();
        Leases first = new Leases(jdbc, "instance-1");
        Leases second = new Leases(jdbc, "instance-2");

        assertThat(first.tryTake(name, Duration.ofMinutes(10))).isTrue();
        assertThat(second.tryTake(name, Duration.ofMinutes(10))).isFalse();
        assertThat(first.tryTake(name, Duration.ofMinutes(10))).as("its holder takes it again").isTrue();
        first.giveBack(name);
        assertThat(second.tryTake(name, Duration.ofMinutes(10))).isTrue();

        // The holder stopped without giving it back: once expired, another instance takes it.
        jdbc.update("UPDATE lease SET held_until = now() - interval '1 second' WHERE name = ?", name);
        assertThat(first.tryTake(name, Duration.ofMinutes(10))).isTrue();
        second.giveBack(name);
        assertThat(second.tryTake(name, Duration.ofMinutes(10))).as("only the holder gives it back").isFalse();
    }

    @Test
    void ofEightInstancesAskingAtOnceNeverTwoSweepTogether() throws Exception {
        String name = "sweep-" + UUID.randomUUID();
        AtomicInteger sweeping = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger swept = new AtomicInteger();
        CountDownLatch allAsked = new CountDownLatch(8);
        List<CompletableFuture<Boolean>> instances = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Leases leases = new Leases(jdbc, "instance-" + i);
            instances.add(CompletableFuture.supplyAsync(() -> {
                allAsked.countDown();
                return leases.whileHolding(name, Duration.ofMinutes(10), () -> {
                    most.accumulateAndGet(sweeping.incrementAndGet(), Math::max);
                    swept.incrementAndGet();
                    sweeping.decrementAndGet();
                });
            }));
        }
        assertThat(allAsked.await(30, TimeUnit.SECONDS)).isTrue();
        long ran = 0;
        for (CompletableFuture<Boolean> instance : instances) {
            ran += instance.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }

        assertThat(most.get()).isEqualTo(1);
        assertThat(swept.get()).isEqualTo((int) ran).isPositive();
    }
}
