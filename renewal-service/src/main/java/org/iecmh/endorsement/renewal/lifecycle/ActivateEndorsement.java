package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An association granted an endorsement: from now on renewal-service keeps it. {@code emailAddress}: the contact
 * email the applicant gave, where reminders go until the endorsee names another (null in grants that carry none).
 * {@code endorsedOn}: the day of the grant in the association's time zone.
 */
public record ActivateEndorsement(@TargetAggregateIdentifier String endorsementNumber, String applicationId,
                                  String personId, String endorseeName, String category, Instant grantedAt,
                                  LocalDate validThrough, String emailAddress, LocalDate endorsedOn) {
}
