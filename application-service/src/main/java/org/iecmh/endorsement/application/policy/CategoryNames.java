package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

/** Categories as people name them: by the Alliance's abbreviation, such as IFS, ECMHS or IMHM-C. */
public final class CategoryNames {

    private CategoryNames() {
    }

    /** The category an abbreviation names; one that names none is refused ({@code unknown-category}). */
    public static Category named(String abbreviation) {
        if (!Category.isKnown(abbreviation)) {
            throw new DomainRuleViolation("unknown-category", "No endorsement category " + abbreviation);
        }
        return Category.fromAbbreviation(abbreviation);
    }
}
