package org.iecmh.endorsement.local;

import org.iecmh.endorsement.local.EndorsementFlow.Outcome;
import org.iecmh.endorsement.local.PatientClient.Answer;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing doubled, under faults. {@code iecmh.faults.flows} applicants (1,000 by default) each walk from a
 * new application to the registry ({@link EndorsementFlow}), {@code iecmh.faults.concurrency} at a time (64), through
 * the gateway, on real PostgreSQL and Kafka ({@link PlatformUnderFaults}). While they do, the test kills the services'
 * JVM with SIGKILL and starts it again, restarts the Kafka broker, crashes PostgreSQL and starts it again, and kills
 * the services once more; and every {@code iecmh.faults.hang-up-every}th client (10) hangs up right after sending
 * each of its commands, its card payment among them, then asks again as a client does. Then it counts what the
 * platform holds for each flow ({@link EffectCount}), prints {@code flows, faults, lost, doubled} with the timings
 * (also to {@code target/faults/figures.txt}), and fails on any lost or doubled effect.
 */
class FaultInjectionIT {

    private static final int FLOWS = Integer.getInteger("iecmh.faults.flows", 1000);
    private static final int CONCURRENCY = Integer.getInteger("iecmh.faults.concurrency", 64);
    private static final int HANG_UP_EVERY = Integer.getInteger("iecmh.faults.hang-up-every", 10);
    /** How long a client keeps asking through an outage, and how long it waits for an effect to travel. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    /** The most the flows may take together. */
    private static final Duration LOAD = Duration.ofMinutes(30);
    private static final String TENANT = "ma";
    private static final Path DATA = Path.of("target/faults");

    /** The faults, each injected once this share of the flows has finished. */
    private static final List<PlannedFault> FAULTS = List.of(
            new PlannedFault(0.2, "services killed (SIGKILL) and started again", PlatformUnderFaults::crashServices),
            new PlannedFault(0.4, "Kafka broker restarted", PlatformUnderFaults::restartKafka),
            new PlannedFault(0.55, "PostgreSQL crashed and started again", PlatformUnderFaults::crashPostgres),
            new PlannedFault(0.7, "services killed (SIGKILL) and started again", PlatformUnderFaults::crashServices));

    record PlannedFault(double atShareFinished, String what, Consumer<PlatformUnderFaults> inject) {
    }

    record InjectedFault(String what, LocalTime at, Duration took) {
    }

    @Test
    void everyAnsweredFlowHasItsEffectsOnceThroughKillsRestartsAndDroppedConnections() throws Exception {
        long began = System.nanoTime();
        try (PlatformUnderFaults platform = PlatformUnderFaults.start(DATA, Path.of("target/local.jar"),
                Path.of("../../gateway/target/gateway-exec.jar").toAbsolutePath().normalize())) {
            long started = System.nanoTime();
            say("Platform started; processor time so far: " + platform.cpu());
            EndorsementFlow.Cast cast = cast(platform);
            List<EndorsementFlow> flows = new ArrayList<>();
            for (int i = 1; i <= FLOWS; i++) {
                flows.add(new EndorsementFlow(i, HANG_UP_EVERY > 0 && i % HANG_UP_EVERY == 0));
            }

            AtomicInteger finished = new AtomicInteger();
            List<InjectedFault> injected = new CopyOnWriteArrayList<>();
            List<Throwable> injectorFailed = new CopyOnWriteArrayList<>();
            Thread injector = new Thread(() -> {
                try {
                    injectWhileRunning(platform, finished, injected);
                } catch (RuntimeException | AssertionError e) {
                    injectorFailed.add(e);
                }
            }, "fault-injector");
            ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
            for (EndorsementFlow flow : flows) {
                clients.submit(() -> {
                    flow.run(cast, cast.gateway().apply(identity(LocalIssuer.instance().token(TENANT, flow.applicant,
                            "APPLICANT"))));
                    if (finished.incrementAndGet() % 100 == 0) {
                        say(finished.get() + " flows finished");
                    }
                });
            }
            injector.start();
            clients.shutdown();
            assertThat(clients.awaitTermination(LOAD.toMinutes(), TimeUnit.MINUTES)).as("the flows end").isTrue();
            injector.join();
            long loaded = System.nanoTime();
            String cpu = platform.cpu();

            EffectCount count = EffectCount.of(platform, cast, flows, TENANT);
            long counted = System.nanoTime();

            long hangUps = flows.stream().mapToLong(f -> f.hangUps).sum();
            String figures = String.format("""
                    flows %d, faults %d, lost %d, doubled %d
                      faults: %s; %d connections dropped right after a command was sent (by %d clients, each card \
                    payment among them)
                      completed %d, failed %d; requests sent again after no answer, a 5xx, 429 or conflict: %d
                      dead letters: %s
                      time: %.0f s in all (platform started in %.0f s, flows %.0f s, counting %.0f s); a flow took %s
                      processor time until the flows ended: %s (%d processors)
                    """, flows.size(), injected.size() + hangUps, count.lost(), count.doubled(),
                    injected.stream().map(f -> f.what() + " at " + f.at().withNano(0) + " (" + f.took().toSeconds()
                            + " s)").toList(), hangUps, flows.stream().filter(f -> f.hangsUp).count(),
                    flows.stream().filter(f -> f.outcome == Outcome.COMPLETED).count(),
                    flows.stream().filter(f -> f.outcome != Outcome.COMPLETED).count(), PatientClient.RETRIES.get(),
                    count.deadLetters(), seconds(began, counted), seconds(began, started), seconds(started, loaded),
                    seconds(loaded, counted), durations(flows), cpu, Runtime.getRuntime().availableProcessors());
            EndorsementFlow.TIME_IN.forEach((step, spent) -> say(String.format("%-28s %6.2f s on average over %d",
                    step, spent[0].sum() / 1e3 / Math.max(1, spent[1].sum()), spent[1].sum())));
            say("\n" + figures + String.join("\n", count.problems().stream().limit(40).toList()));
            Files.writeString(DATA.resolve("figures.txt"), figures + String.join("\n", count.problems()));

            assertThat(injectorFailed).as("the faults were injected").isEmpty();
            assertThat(injected).as("every planned fault was injected").hasSize(FAULTS.size());
            assertThat(count.problems()).as("lost or doubled effects, dead letters, broken chains").isEmpty();
            assertThat(count.lost()).isZero();
            assertThat(count.doubled()).isZero();
        }
    }

    /** Each fault once its share of the flows has finished, one after the other. */
    private static void injectWhileRunning(PlatformUnderFaults platform, AtomicInteger finished,
                                           List<InjectedFault> injected) {
        for (PlannedFault fault : FAULTS) {
            int threshold = (int) Math.ceil(fault.atShareFinished() * FLOWS);
            await("flows finished before: " + fault.what()).atMost(LOAD).pollInterval(Duration.ofMillis(200))
                    .until(() -> finished.get() >= threshold);
            LocalTime at = LocalTime.now();
            long start = System.nanoTime();
            say("Fault: " + fault.what() + " (" + finished.get() + " flows finished)");
            fault.inject().accept(platform);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            say("Fault over in " + took.toSeconds() + " s: " + fault.what());
            injected.add(new InjectedFault(fault.what(), at, took));
        }
    }

    /** The coordinator, two reviewers with earlier endorsements the admin records, the card processor, the mail. */
    private static EndorsementFlow.Cast cast(PlatformUnderFaults platform) {
        LocalIssuer issuer = LocalIssuer.instance();
        Function<Map<String, String>, PatientClient> gateway =
                headers -> new PatientClient(platform.gatewayUrl(), headers, PATIENCE);
        PatientClient admin = gateway.apply(identity(issuer.token(TENANT, "faults-admin", "TENANT_ADMIN")));
        List<String> reviewers = List.of("faults-reviewer-1", "faults-reviewer-2");
        for (int i = 0; i < reviewers.size(); i++) {
            Answer recorded = admin.post("/api/applications/prior-endorsements", Map.of(
                    "endorsementNumber", "MA-F-000" + (i + 1), "subject", reviewers.get(i),
                    "name", "Reviewer " + (i + 1), "category", "IMHM-C", "endorsedSince", "2015-06-01"));
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        }
        return new EndorsementFlow.Cast(gateway,
                new PatientClient(platform.cards().baseUrl(), Map.of(), PATIENCE),
                gateway.apply(identity(issuer.token(TENANT, "faults-coordinator", "COORDINATOR"))),
                reviewers.stream().map(r -> gateway.apply(identity(issuer.token(TENANT, r, "REVIEWER")))).toList(),
                reviewers, platform::mailTo, PATIENCE);
    }

    /** The headers that say who asks, in the tenant of the flows. */
    static Map<String, String> identity(String token) {
        return Map.of("Authorization", "Bearer " + token, "X-Tenant-Id", TENANT);
    }

    private static String durations(List<EndorsementFlow> flows) {
        List<Long> millis = flows.stream().filter(f -> f.outcome == Outcome.COMPLETED)
                .map(f -> (f.finishedNanos - f.startedNanos) / 1_000_000).sorted().toList();
        if (millis.isEmpty()) {
            return "-";
        }
        return String.format("p50 %.1f s, p99 %.1f s, max %.1f s", millis.get(millis.size() / 2) / 1e3,
                millis.get(Math.min(millis.size() - 1, (int) (millis.size() * 0.99))) / 1e3,
                millis.get(millis.size() - 1) / 1e3);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    static void say(String message) {
        System.out.println("[faults " + LocalTime.now().withNano(0) + "] " + message);
    }
}
