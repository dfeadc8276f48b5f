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

    @CommandHandlerInterceptor
    void onlyInItsTenant(CommandMessage<?> command) {
        TenantGuard.requireSameTenant(owningTenant(), (String) command.getMetaData().get(AuditMetadata.TENANT),
                kind(), id());
    }
}
