package org.iecmh.endorsement.renewal.policy;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What renewal-service reads of each association's record, from the service's view of the associations: its time
 * zone (every day of its endorsements, due dates, windows, reminders, lapses, the day an activity is logged, is a day
 * there) and its renewal policy versions. An association whose record arrives while the service runs is planned
 * from then on; an unknown one is an {@code UnknownResource}.
 */
@Component
public class TenantPolicies {

    private final Associations associations;

    public TenantPolicies(Associations associations) {
        this.associations = associations;
    }

    /** The day it is now for the association. */
    public LocalDate today(String tenant, Clock clock) {
        return associations.require(tenant).today(clock);
    }

    /** The association's time zone. */
    public ZoneId zone(String tenant) {
        return associations.require(tenant).zone();
    }

    /** The associations this service keeps endorsements for: every one it has received. */
    public Set<String> codes() {
        return associations.all().stream().map(Association::code).collect(Collectors.toUnmodifiableSet());
    }

    /** The policy of {@code tenant} in force on {@code day}. */
    public RenewalPolicy policy(String tenant, LocalDate day) {
        return associations.require(tenant).renewalPolicy(day);
    }
}
