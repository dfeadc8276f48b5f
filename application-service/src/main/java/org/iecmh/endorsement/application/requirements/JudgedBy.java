package org.iecmh.endorsement.application.requirements;

import java.time.LocalDate;

/**
 * Which requirements judged an application: the requirement version in force that stated its category's rule
 * ({@code requirementsEffectiveFrom}) in the association's record as the service held it ({@code associationSequence}).
 */
public record JudgedBy(LocalDate requirementsEffectiveFrom, long associationSequence) {
}
