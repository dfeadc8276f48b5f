package org.iecmh.endorsement.application.portfolio;

import org.axonframework.serialization.Revision;

/**
 * Revision 2 names the tenant, as every other application event does; revision 1 (stored without a revision) did
 * not, and is read through {@link PortfolioEntryRemovedUpcaster}.
 */
@Revision("2")
public record PortfolioEntryRemoved(String applicationId, String tenantId, String entryId) {
}
