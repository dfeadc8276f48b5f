package org.iecmh.endorsement.kit.web;

import java.util.Objects;

/** Checks that a record belongs to the tenant a caller acts in; if not, the record does not exist for them. */
public final class TenantGuard {

    private TenantGuard() {
    }

    public static void requireSameTenant(String recordTenant, String callerTenant, String kind, String id) {
        if (!Objects.equals(recordTenant, callerTenant)) {
            throw new UnknownResource(kind, id);
        }
    }
}
