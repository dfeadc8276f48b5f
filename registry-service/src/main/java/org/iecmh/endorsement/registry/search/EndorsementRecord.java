package org.iecmh.endorsement.registry.search;

import java.time.LocalDate;

/**
 * Everything the registry keeps of one endorsement: the registry fields and its status. {@code transferredTo} is
 * the number it continues under after a transfer that gave it a new number.
 */
public record EndorsementRecord(RegistryEntry entry, String tenantId, EndorsementStatus status, LocalDate statusSince,
                                String transferredTo) {
}
