package org.iecmh.endorsement.application.portfolio;

public record PortfolioEntryCorrected(String applicationId, String entryId, PortfolioEntry entry) {
}
