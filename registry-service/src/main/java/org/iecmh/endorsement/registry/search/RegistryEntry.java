package org.iecmh.endorsement.registry.search;

import java.time.LocalDate;

/** What the public registry shows of an endorsee, and nothing more. */
public record RegistryEntry(String name, String category, String state, String endorsementNumber,
                            LocalDate endorsedSince, LocalDate validThrough) {
}
