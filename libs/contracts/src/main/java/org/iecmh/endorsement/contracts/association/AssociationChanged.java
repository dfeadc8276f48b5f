package org.iecmh.endorsement.contracts.association;

import org.iecmh.endorsement.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * An association's record changed (or was created): the whole record as it now stands, so that a consumer keeps the
 * latest one it received and needs nothing else. {@code sequence} grows with every change of the association; a
 * consumer ignores a record whose sequence is not newer than the one it keeps. {@code changedBy} is the subject who
 * changed it ({@code service:association-service} for the seed).
 */
public record AssociationChanged(String tenantId, long sequence, Instant changedAt, String changedBy,
                                 Association association) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.association.association-changed.v1";

    public AssociationChanged {
        if (association != null && !tenantId.equals(association.code())) {
            throw new IllegalArgumentException("An AssociationChanged of " + tenantId + " carries the record of "
                    + association.code());
        }
    }

    /** Every change of one association in order. */
    @Override
    public String partitionKey() {
        return tenantId;
    }
}
