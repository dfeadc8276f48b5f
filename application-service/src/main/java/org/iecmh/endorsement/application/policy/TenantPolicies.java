package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.ExamVersion;
import org.iecmh.endorsement.contracts.association.References;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What application-service reads of each association's record, from the service's view of the associations: its
 * name, state and categories, its time zone (every "day" is the association's day there), its exam, how it collects
 * references and how a grant's valid-through is set. Read when asked, so that an association whose record arrives
 * while the service runs takes applications at once; an unknown one is an {@code UnknownResource}.
 */
@Component
public class TenantPolicies {

    private final Associations associations;
    private final Clock clock;

    public TenantPolicies(Associations associations, Clock clock) {
        this.associations = associations;
        this.clock = clock;
    }

    public Association tenant(String code) {
        return associations.require(code);
    }

    /** Whether the service has received the association's record. */
    public boolean knows(String code) {
        return associations.find(code).isPresent();
    }

    /** The exam settings in force today. */
    public ExamVersion exam(String code) {
        Association association = tenant(code);
        return association.examOn(association.today(clock));
    }

    public References references(String code) {
        return tenant(code).references();
    }

    /** Today as the association counts days: the clock's instant in the association's time zone. */
    public LocalDate today(String code, Clock clock) {
        return tenant(code).today(clock);
    }

    /** The association's day an instant falls on. */
    public LocalDate day(String code, Instant at) {
        return tenant(code).day(at);
    }

    /** How a grant on {@code day} sets its valid-through (the one renewal model, libs/contracts). */
    public RenewalPolicy renewalPolicy(String code, LocalDate day) {
        return tenant(code).renewalPolicy(day);
    }
}
