package org.iecmh.endorsement.registry.search;

import java.time.LocalDate;
import java.util.List;

/**
 * What the public registry shows of an endorsee, and nothing more. {@code addOns} are the abbreviations of the add-ons
 * the association attests with the endorsement ({@code ERS}), none for most.
 */
public record RegistryEntry(String name, String category, String state, String endorsementNumber,
                            LocalDate endorsedSince, LocalDate validThrough, List<String> addOns) {

    public RegistryEntry {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }
}
