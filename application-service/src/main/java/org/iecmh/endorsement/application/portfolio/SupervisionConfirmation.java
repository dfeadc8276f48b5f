package org.iecmh.endorsement.application.portfolio;

import java.time.Instant;
import java.util.List;

/** A request to a provider to confirm sessions, as the portfolio keeps it: answered or not, until when its link works. */
public record SupervisionConfirmation(String confirmationId, String providerEndorsementNumber, String providerName,
                                      String providerEmail, List<String> entryIds, Instant linkExpiresAt,
                                      boolean answered) {

    public SupervisionConfirmation {
        entryIds = List.copyOf(entryIds);
    }

    SupervisionConfirmation withAnswer() {
        return new SupervisionConfirmation(confirmationId, providerEndorsementNumber, providerName, providerEmail,
                entryIds, linkExpiresAt, true);
    }
}
