package org.iecmh.endorsement.renewal.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.files.StoredFile;

/**
 * The endorsee or a coordinator attaches a file kept in association {@code storedIn}'s part of the file store as
 * proof of the hours of {@code year} of the current cycle; {@code replaces} names an item the coordinator returned,
 * if this one answers it. {@code attachmentId} comes from the request's idempotency key, so a request sent again
 * names the same attachment. Answers the key of the file the endorsement keeps for it.
 */
public record AttachEvidence(@TargetAggregateIdentifier String endorsementNumber, String attachmentId, int year,
                             String fileName, StoredFile file, String storedIn, String replaces, String attachedBy,
                             long maxCycleBytes, RenewalPolicy policy) {
}
