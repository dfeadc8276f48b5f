package org.iecmh.endorsement.kit.audit;

import java.util.List;

/** A page of a history: {@code total} events match the filter, of which these are page {@code page}. */
public record AuditPage(List<AuditedEvent> events, int page, int size, long total) {
}
