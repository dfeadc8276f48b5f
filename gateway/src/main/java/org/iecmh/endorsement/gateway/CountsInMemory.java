package org.iecmh.endorsement.gateway;

import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts in this gateway instance's memory: with several instances each counts its own share. The counts when no
 * shared store is configured (a single local gateway, tests), and the fallback while the shared store does not answer.
 */
final class CountsInMemory implements RequestCounts {

    /** Beyond this many clients, windows that have ended are dropped. */
    private static final int CLIENTS_KEPT = 100_000;

    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public Mono<Integer> increment(String client, long minute) {
        return Mono.just(incrementNow(client, minute));
    }

    int incrementNow(String client, long minute) {
        if (windows.size() > CLIENTS_KEPT) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        return windows.compute(client, (address, current) ->
                current == null || current.minute() != minute ? new Window(minute, 1)
                        : new Window(minute, current.count() + 1)).count();
    }
}
