package org.iecmh.endorsement.contracts;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who provides reflective supervision/consultation (RSC) that counts: an endorsee in one of these categories, or
 * one holding the Endorsed Reflective Supervisor add-on, on the session's date (docs/architecture.md, Domain rules).
 * The one statement of the rule; every service that asks "does this provider count?" asks here.
 */
public final class ReflectiveSupervisionProviders {

    /** The categories whose endorsees provide RSC that counts. */
    public static final Set<Category> CATEGORIES = Set.copyOf(EnumSet.of(Category.IMHS, Category.ECMHS,
            Category.IMHM_C, Category.ECMHM_C));

    /** The add-on that makes any endorsee a provider. */
    public static final AddOn ADD_ON = AddOn.ENDORSED_REFLECTIVE_SUPERVISOR;

    private ReflectiveSupervisionProviders() {
    }

    /** Whether an endorsement in {@code category} with these add-ons makes its holder a provider. */
    public static boolean provides(Category category, Collection<AddOn> addOns) {
        return CATEGORIES.contains(category) || addOns.contains(ADD_ON);
    }

    /** The same by the abbreviation integration events carry, for an endorsement without add-ons. */
    public static boolean provides(String categoryAbbreviation) {
        return Category.isKnown(categoryAbbreviation)
                && provides(Category.fromAbbreviation(categoryAbbreviation), Set.of());
    }

    /** The providers' category abbreviations, in the Alliance's order. */
    public static List<String> categoryAbbreviations() {
        return EnumSet.copyOf(CATEGORIES).stream().map(Category::abbreviation).toList();
    }
}
