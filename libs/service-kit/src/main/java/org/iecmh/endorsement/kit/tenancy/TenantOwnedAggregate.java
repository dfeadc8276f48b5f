package org.iecmh.endorsement.kit.tenancy;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.TenantGuard;

/**
 * An aggregate that belongs to one tenant. Every command sent to it in another tenant is refused before any handler
 * runs, as if the aggregate did not exist, so no association can touch, or learn of, another's records.
 */
public abstract class TenantOwnedAggregate {

    /** The tenant the aggregate was created in. */
    protected abstract String owningTenant();

    /** What the caller is told does not exist, such as {@code "application"}. */
    protected abstract String kind();

    /** The aggregate's identifier. */
    protected abstract String id();

    /**
     * Whether this command, sent in another tenant, may reach the aggregate all the same. None may, unless an
     * aggregate says so for a command whose very purpose is to cross tenants (a receiving association accepting a
     * transfer); it then checks the rest itself.
     */
    protected boolean admitsFromAnotherTenant(String callerTenant, CommandMessage<?> command) {
        return false;
    }

    @CommandHandlerInterceptor
    void onlyInItsTenant(CommandMessage<?> command) {
        String callerTenant = (String) command.getMetaData().get(AuditMetadata.TENANT);
        if (callerTenant != null && !callerTenant.equals(owningTenant())
                && admitsFromAnotherTenant(callerTenant, command)) {
            return;
        }
        TenantGuard.requireSameTenant(owningTenant(), callerTenant, kind(), id());
    }
}
