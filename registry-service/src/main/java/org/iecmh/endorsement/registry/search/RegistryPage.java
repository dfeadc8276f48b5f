package org.iecmh.endorsement.registry.search;

import java.util.List;

/** One page of a registry search, and whether another page follows. */
public record RegistryPage(List<RegistryEntry> entries, boolean hasMore) {
}
