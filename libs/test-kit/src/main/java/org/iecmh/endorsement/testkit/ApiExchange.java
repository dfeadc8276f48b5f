package org.iecmh.endorsement.testkit;

import org.iecmh.endorsement.testkit.ApiClient.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request an {@link ApiClient} sent in this JVM and what it answered: the journal a contract test reads to check
 * that the APIs' descriptions accept what the tests send and name what the servers refuse.
 *
 * @param path    the path and query as sent, without the base URL
 * @param headers the headers that said who asked (and any other sent), to send a changed copy as the same person
 * @param body    the body's text, or null
 */
public record ApiExchange(String method, String path, Map<String, String> headers, String body, Response response) {

    /** Enough for every request of a test JVM's suites; past it, the later ones are not kept. */
    private static final int KEPT = 50_000;
    private static final ConcurrentLinkedQueue<ApiExchange> JOURNAL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();

    static void record(ApiExchange exchange) {
        if (SIZE.incrementAndGet() <= KEPT) {
            JOURNAL.add(exchange);
        }
    }

    /** What this JVM's clients have sent so far, in the order they had answers. */
    public static List<ApiExchange> journal() {
        return List.copyOf(JOURNAL);
    }
}
