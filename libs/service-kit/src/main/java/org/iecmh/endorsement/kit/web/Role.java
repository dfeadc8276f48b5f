package org.iecmh.endorsement.kit.web;

import java.util.Optional;

/**
 * The roles a token grants in an association, by the names tokens carry. Staff act for the association and see
 * every person's record in it ({@link Visibility}); everyone else acts for themselves.
 */
public enum Role {

    /** Applies for an endorsement, and keeps it afterwards unless the provider names them {@link #ENDORSEE}. */
    APPLICANT(false),
    /** Holds an endorsement: renews it, logs yearly activity, asks for a transfer or reinstatement. */
    ENDORSEE(false),
    /** The bearer of a rater's one-time link; never granted by a token. */
    REFERENCE_RATER(false),
    /** Reviews and scores the applications a coordinator assigns to them. */
    REVIEWER(false),
    /** Runs the association's endorsement: assigns, decides, invoices, accepts transfers. */
    COORDINATOR(true),
    /** Reads the association's whole record and its history, and changes nothing. */
    AUDITOR(true),
    /** Sets the association's policy and imports its endorsees. */
    TENANT_ADMIN(true),
    /** Operates the platform for every association. */
    PLATFORM_ADMIN(true);

    private final boolean staff;

    Role(boolean staff) {
        this.staff = staff;
    }

    /** Whether the role acts for the association rather than for one person. */
    public boolean staff() {
        return staff;
    }

    /** The role a token or an event's metadata names, if the platform knows it. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name}, as a token or an event's metadata gives it, is this role. */
    public boolean is(String name) {
        return name().equals(name);
    }
}
