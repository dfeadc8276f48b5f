package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.kit.web.Role;

/**
 * Who may see and change an association's record: its own staff read it and its admins change it; a platform admin
 * does both for every association, whichever tenant their token names. To anyone else it does not exist.
 */
public final class AssociationAccess {

    private AssociationAccess() {
    }

    /** Whether someone acting as {@code role} in {@code callerTenant} may read the record of {@code code}. */
    static boolean mayRead(Role role, String callerTenant, String code) {
        return role == Role.PLATFORM_ADMIN || role.staff() && code.equals(callerTenant);
    }
}
