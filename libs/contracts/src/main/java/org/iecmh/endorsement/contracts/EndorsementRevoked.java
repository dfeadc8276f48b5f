package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * The association withdrew an endorsement. The reason stays with the association: the public contract carries no
 * more than the registry may show.
 */
public record EndorsementRevoked(
        String tenantId,
        String endorsementNumber,
        Instant revokedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.renewal.endorsement-revoked.v1";

    @Override
    public String partitionKey() {
        return endorsementNumber;
    }
}
