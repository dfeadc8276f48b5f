package org.iecmh.endorsement.registry.search;

import java.util.List;

/**
 * A question to the public registry: part of a name (or none), a state (or any), some categories (or any), and which
 * page of the answer in name order.
 */
public record RegistrySearch(String name, String state, List<String> categories, int page, int size) {

    public RegistrySearch {
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (page < 0 || size < 1 || size > Registry.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page " + page + " of size " + size);
        }
    }
}
