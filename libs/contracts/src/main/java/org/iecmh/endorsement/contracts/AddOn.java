package org.iecmh.endorsement.contracts;

import java.util.Arrays;

/**
 * A credential an association adds to an endorsement. The Endorsed Reflective Supervisor add-on makes its holder a
 * reflective supervision/consultation provider whose sessions count, whatever their category.
 */
public enum AddOn {
    ENDORSED_REFLECTIVE_SUPERVISOR("ERS", "Endorsed Reflective Supervisor");

    private final String abbreviation;
    private final String title;

    AddOn(String abbreviation, String title) {
        this.abbreviation = abbreviation;
        this.title = title;
    }

    public String abbreviation() {
        return abbreviation;
    }

    public String title() {
        return title;
    }

    public static AddOn fromAbbreviation(String abbreviation) {
        return Arrays.stream(values()).filter(a -> a.abbreviation.equals(abbreviation)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown add-on " + abbreviation));
    }

    public static boolean isKnown(String abbreviation) {
        return Arrays.stream(values()).anyMatch(a -> a.abbreviation.equals(abbreviation));
    }
}
