package org.iecmh.endorsement.application.review;

import org.iecmh.endorsement.contracts.Category;

/**
 * An endorsement a person holds in the association, and whether it stands today (not lapsed, revoked, on hold or
 * transferred away), as the local view of renewal-service's events says.
 */
public record HeldEndorsement(String endorsementNumber, Category category, boolean active) {
}
