package org.iecmh.endorsement.application.reviewers;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;

import java.time.LocalDate;
import java.util.List;

/**
 * An association's admin records an endorsement one of its people held before the platform, so that they can
 * review applications from the start, with its add-ons (the Endorsed Reflective Supervisor add-on makes them a
 * reflective supervision provider).
 */
public record RecordPriorEndorsement(@TargetAggregateIdentifier String endorsementNumber, String subject,
                                     String name, Category category, LocalDate endorsedSince, List<AddOn> addOns) {
}
