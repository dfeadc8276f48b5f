package org.iecmh.endorsement.registry;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most so many requests per client and minute, so that no one copies the registry by asking for it a page at a
 * time. A client is its address; behind the gateway, the address the gateway saw, which it appends last to
 * {@code X-Forwarded-For} (earlier entries are whatever the client claimed). Counts live in memory: each instance
 * limits on its own.
 */
class PublicRateLimit extends OncePerRequestFilter {

    /** Beyond this many clients, windows that have ended are dropped. */
    private static final int CLIENTS_KEPT = 100_000;

    private final int requestsPerMinute;
    private final String clientHeader;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    PublicRateLimit(int requestsPerMinute, String clientHeader, Clock clock) {
        this.requestsPerMinute = requestsPerMinute;
        this.clientHeader = clientHeader == null || clientHeader.isBlank() ? null : clientHeader;
        this.clock = clock;
    }

    private record Window(long minute, AtomicInteger requests) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        long minute = now / 60_000;
        if (windows.size() > CLIENTS_KEPT) {
            windows.values().removeIf(window -> window.minute() < minute);
        }
        Window window = windows.compute(client(request),
                (client, last) -> last == null || last.minute() != minute ? new Window(minute, new AtomicInteger())
                        : last);
        if (window.requests().incrementAndGet() <= requestsPerMinute) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"urn:iecmh:problem:too-many-requests\","
                + "\"title\":\"Too many requests\",\"status\":429,\"detail\":\"At most " + requestsPerMinute
                + " requests a minute; try again in " + retryAfter + " seconds\"}").getBytes(StandardCharsets.UTF_8));
    }

    private String client(HttpServletRequest request) {
        if (clientHeader != null) {
            String forwarded = request.getHeader(clientHeader);
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
            }
        }
        return request.getRemoteAddr();
    }
}
