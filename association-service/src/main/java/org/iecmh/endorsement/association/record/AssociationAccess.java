package org.iecmh.endorsement.association.record;

import java.util.Set;

/**
 * Who may see and change an association's record: its own staff read it and its admins change it; a platform admin
 * does both for every association, whichever tenant their token names. To anyone else it does not exist.
 */
public final class AssociationAccess {

    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    static final Set<String> READERS = Set.of("COORDINATOR", "AUDITOR", "TENANT_ADMIN", PLATFORM_ADMIN);

    private AssociationAccess() {
    }

    /** Whether someone acting as {@code role} in {@code callerTenant} may read the record of {@code code}. */
    static boolean mayRead(String role, String callerTenant, String code) {
        return READERS.contains(role) && (PLATFORM_ADMIN.equals(role) || code.equals(callerTenant));
    }
}
