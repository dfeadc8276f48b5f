package org.iecmh.endorsement.renewal;

import org.axonframework.eventhandling.EventMessage;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.messaging.IntegrationEventMapper;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementRevoked;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementRequested;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeeCharged;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What renewal-service tells the others: the one place its domain events become integration events. The reason for
 * a revocation stays here; the registry learns only that and when.
 */
@Component
class RenewalIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> map(EventMessage<?> domainEvent) {
        Object payload = domainEvent.getPayload();
        if (payload instanceof EndorsementLapsed e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementLapsed(e.tenantId(),
                    e.endorsementNumber(), domainEvent.getTimestamp()));
        }
        if (payload instanceof EndorsementRenewed e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementRenewed(e.tenantId(),
                    e.endorsementNumber(), domainEvent.getTimestamp(), e.validThrough()));
        }
        if (payload instanceof EndorsementRevoked e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementRevoked(e.tenantId(),
                    e.endorsementNumber(), domainEvent.getTimestamp()));
        }
        if (payload instanceof EndorsementInactivated e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementInactivated(e.tenantId(),
                    e.endorsementNumber(), domainEvent.getTimestamp()));
        }
        if (payload instanceof EndorsementReactivated e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementReactivated(e.tenantId(),
                    e.endorsementNumber(), domainEvent.getTimestamp(), e.validThrough()));
        }
        if (payload instanceof EndorsementTransferred e) {
            // The number stays: newEndorsementNumber is null, and the event belongs to the accepting association.
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementTransferred(e.toTenantId(),
                    e.endorsementNumber(), e.fromTenantId(), e.toTenantId(), null, domainEvent.getTimestamp(),
                    e.validThrough()));
        }
        if (payload instanceof LateRenewalFeeCharged e) {
            return Optional.of(new org.iecmh.endorsement.contracts.LateRenewalFeeCharged(e.tenantId(),
                    e.endorsementNumber(), e.personId(), e.invoiceId(), Money.of(e.feeCents(), e.currency()),
                    domainEvent.getTimestamp()));
        }
        if (payload instanceof ReinstatementRequested e) {
            return Optional.of(new org.iecmh.endorsement.contracts.ReinstatementRequested(e.tenantId(),
                    e.endorsementNumber(), e.personId(), e.invoiceId(), domainEvent.getTimestamp()));
        }
        if (payload instanceof EndorsementClaimed e) {
            return Optional.of(new org.iecmh.endorsement.contracts.EndorsementClaimed(e.tenantId(),
                    e.endorsementNumber(), e.personId(), e.claimedAt()));
        }
        return Optional.empty();
    }
}
