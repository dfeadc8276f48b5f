package org.iecmh.endorsement.registry.search;

import java.util.List;

/**
 * A question to the public registry: part of a name (or none), a state (or any), and which page of the answer in name
 * order; with categories or add-ons (abbreviations), only the endorsees in one of those categories or holding one of
 * those add-ons (with neither, any).
 */
public record RegistrySearch(String name, String state, List<String> categories, List<String> addOns, int page,
                             int size) {

    public RegistrySearch {
        categories = categories == null ? List.of() : List.copyOf(categories);
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
        if (page < 0 || size < 1 || size > Registry.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page " + page + " of size " + size);
        }
    }

    /** A search by categories alone. */
    public RegistrySearch(String name, String state, List<String> categories, int page, int size) {
        this(name, state, categories, List.of(), page, size);
    }
}
