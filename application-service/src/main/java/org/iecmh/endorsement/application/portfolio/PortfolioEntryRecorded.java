package org.iecmh.endorsement.application.portfolio;

public record PortfolioEntryRecorded(String applicationId, String entryId, PortfolioEntry entry) {
}
