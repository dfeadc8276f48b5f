package org.iecmh.endorsement.kit.audit;

import java.time.Instant;
import java.util.Set;

/** Which events of a history to show: stored from {@code from} (inclusive) to {@code to} (exclusive), of these types. */
public record HistoryFilter(Instant from, Instant to, Set<String> types, int page, int size) {

    public boolean admits(AuditedEvent event) {
        return (from == null || !event.time().isBefore(from)) && (to == null || event.time().isBefore(to))
                && (types == null || types.isEmpty() || types.contains(event.type()));
    }
}
