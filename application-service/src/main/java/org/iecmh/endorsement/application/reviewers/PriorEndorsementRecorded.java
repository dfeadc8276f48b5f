package org.iecmh.endorsement.application.reviewers;

import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;

import java.time.LocalDate;
import java.util.List;

/** {@code addOns}: add-ons the association attests with the endorsement (none in events recorded before them). */
public record PriorEndorsementRecorded(String endorsementNumber, String tenantId, String subject, String name,
                                       Category category, LocalDate endorsedSince, List<AddOn> addOns) {

    public PriorEndorsementRecorded {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }
}
