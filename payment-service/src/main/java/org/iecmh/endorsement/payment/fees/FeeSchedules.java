package org.iecmh.endorsement.payment.fees;

import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Each association's prices, read from its record in the service's view of the associations: the version in force
 * on a day. An invoice takes the prices in force on the day it is issued and keeps them, so a new version never
 * changes what anyone already owes.
 */
@Component
public class FeeSchedules {

    private final Associations associations;

    public FeeSchedules(Associations associations) {
        this.associations = associations;
    }

    /** The version of the association's prices in force on {@code day}; UnknownResource for an unknown association. */
    public FeeSchedule inEffect(String tenantId, LocalDate day) {
        Associations.Kept kept = associations.requireKept(tenantId);
        return FeeSchedule.of(kept.association().feesOn(day), kept.sequence());
    }
}
