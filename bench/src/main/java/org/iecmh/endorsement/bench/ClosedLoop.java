package org.iecmh.endorsement.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code c} workers, each sending its next operation as soon as the last one answered, first for
 * a warm-up, then for a measured window bounded in time and in count. Every answer from the window's start on is
 * counted, whenever it was asked, and classified: success, a 409 conflict, another refusal (4xx), or a stall (5xx, or
 * no answer within the client's timeout).
 */
final class ClosedLoop {

    /** One operation of worker {@code worker}, its {@code n}-th; answers an HTTP status (or {@link Target#TIMEOUT}). */
    interface Operation {
        int run(int worker, long n) throws Exception;
    }

    /** What the measured window gave. */
    record Result(int concurrency, long ok, long conflicts, long refused, long stalls, long timeouts, double seconds,
                  Latencies latencies, String firstProblem, long okWithWarmUp) {

        double perSecond() {
            return seconds > 0 ? ok / seconds : Double.NaN;
        }

        /** p99 of every answer, errors included, and the errors: what an operator would look at first. */
        String detail() {
            StringBuilder out = new StringBuilder("p50 ").append(Table.millis(latencies.p50()))
                    .append(", p99 ").append(Table.millis(latencies.p99()))
                    .append("; ").append(ok).append(" ok in ").append(Table.number(seconds, "%.1f s"))
                    .append("; 5xx/timeouts ").append(stalls);
            if (timeouts > 0) {
                out.append(" (").append(timeouts).append(" timeouts)");
            }
            if (conflicts > 0) {
                out.append("; 409 ").append(conflicts);
            }
            if (refused > 0) {
                out.append("; other 4xx ").append(refused);
            }
            if (firstProblem != null) {
                out.append("; first: ").append(firstProblem.length() > 120 ? firstProblem.substring(0, 120) + "…"
                        : firstProblem);
            }
            return out.toString();
        }
    }

    private ClosedLoop() {
    }

    static Result run(int concurrency, Duration warmUp, Duration window, long maxOperations, Operation operation) {
        long[] ok = new long[concurrency];
        long[] conflicts = new long[concurrency];
        long[] refused = new long[concurrency];
        long[] stalls = new long[concurrency];
        long[] timeouts = new long[concurrency];
        Latencies[] latencies = new Latencies[concurrency];
        AtomicLong measured = new AtomicLong();
        AtomicLong okWithWarmUp = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicReference<String> firstProblem = new AtomicReference<>();
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + window.toNanos();
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            latencies[w] = new Latencies(1024);
            workers[w] = new Thread(() -> {
                for (long n = 0; ; n++) {
                    long before = System.nanoTime();
                    if (before >= windowEnd || (before >= windowStart && measured.get() >= maxOperations)) {
                        return;
                    }
                    if (before >= windowStart) {
                        measured.incrementAndGet();
                    }
                    int status;
                    try {
                        status = operation.run(worker, n);
                    } catch (Exception e) {
                        status = Target.NO_ANSWER;
                        firstProblem.compareAndSet(null, e.toString());
                    }
                    long after = System.nanoTime();
                    if (status >= 200 && status < 300) {
                        okWithWarmUp.incrementAndGet();
                    }
                    // Counted by when it answered: a request sent in the warm-up that stalls into the window counts.
                    if (after < windowStart) {
                        continue;
                    }
                    lastAnswer.accumulateAndGet(after, Math::max);
                    latencies[worker].add(after - before);
                    if (status >= 200 && status < 300) {
                        ok[worker]++;
                    } else if (status == 409) {
                        conflicts[worker]++;
                    } else if (status >= 400 && status < 500) {
                        refused[worker]++;
                        firstProblem.compareAndSet(null, "HTTP " + status);
                    } else {
                        stalls[worker]++;
                        if (status == Target.TIMEOUT) {
                            timeouts[worker]++;
                        }
                        firstProblem.compareAndSet(null, status == Target.TIMEOUT ? "timeout"
                                : status == Target.NO_ANSWER ? "no answer" : "HTTP " + status);
                    }
                }
            }, "bench-worker-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        // Every operation is bounded by the client's timeout; the workers get that long again to finish.
        long joinDeadline = windowEnd + Duration.ofSeconds(90).toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (worker.isAlive()) {
                firstProblem.compareAndSet(null, "a worker still waited for an answer 90 s after the window");
                worker.interrupt();
            }
        }
        Latencies all = new Latencies(1024);
        for (Latencies each : latencies) {
            all.addAll(each);
        }
        // From the window's start to the last answer: requests still waiting at its end are waited for and counted.
        double seconds = (Math.max(lastAnswer.get(), windowStart) - windowStart) / 1e9;
        return new Result(concurrency, sum(ok), sum(conflicts), sum(refused), sum(stalls), sum(timeouts), seconds,
                all, firstProblem.get(), okWithWarmUp.get());
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }
}
