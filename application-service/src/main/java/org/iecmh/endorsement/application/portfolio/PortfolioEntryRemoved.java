package org.iecmh.endorsement.application.portfolio;

public record PortfolioEntryRemoved(String applicationId, String entryId) {
}
