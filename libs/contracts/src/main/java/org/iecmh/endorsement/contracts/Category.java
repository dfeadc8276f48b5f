package org.iecmh.endorsement.contracts;

import java.util.Arrays;

/**
 * The Alliance's endorsement categories, each in its Infant (0-3) and Early Childhood (3-6) form.
 * Events carry the abbreviation; the level decides fees and requirements.
 */
public enum Category {
    IFA("IFA", 1, "Infant Family Associate"),
    ECFA("ECFA", 1, "Early Childhood Family Associate"),
    IFS("IFS", 2, "Infant Family Specialist"),
    ECFS("ECFS", 2, "Early Childhood Family Specialist"),
    IMHS("IMHS", 3, "Infant Mental Health Specialist"),
    ECMHS("ECMHS", 3, "Early Childhood Mental Health Specialist"),
    IMHM_C("IMHM-C", 4, "Infant Mental Health Mentor - Clinical"),
    ECMHM_C("ECMHM-C", 4, "Early Childhood Mental Health Mentor - Clinical"),
    IMHM_P("IMHM-P", 4, "Infant Mental Health Mentor - Policy"),
    ECMHM_P("ECMHM-P", 4, "Early Childhood Mental Health Mentor - Policy"),
    IMHM_R("IMHM-R", 4, "Infant Mental Health Mentor - Research/Faculty"),
    ECMHM_R("ECMHM-R", 4, "Early Childhood Mental Health Mentor - Research/Faculty");

    private final String abbreviation;
    private final int level;
    private final String title;

    Category(String abbreviation, int level, String title) {
        this.abbreviation = abbreviation;
        this.level = level;
        this.title = title;
    }

    public String abbreviation() {
        return abbreviation;
    }

    /** 1 to 4: Associate, Specialist (family), Specialist (mental health), Mentor. */
    public int level() {
        return level;
    }

    public String title() {
        return title;
    }

    public static Category fromAbbreviation(String abbreviation) {
        return Arrays.stream(values()).filter(c -> c.abbreviation.equals(abbreviation)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown category " + abbreviation));
    }

    public static boolean isKnown(String abbreviation) {
        return Arrays.stream(values()).anyMatch(c -> c.abbreviation.equals(abbreviation));
    }
}
