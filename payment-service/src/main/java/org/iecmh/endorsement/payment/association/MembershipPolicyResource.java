package org.iecmh.endorsement.payment.association;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.MembershipVersion;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The association's membership rule as anyone signed in reads it: whether it asks applicants to be members before
 * they apply, and how long a membership bought today runs (the version of its record in force today).
 */
@RestController
class MembershipPolicyResource {

    record MembershipPolicy(String tenantId, boolean requiredToApply, String nextYearAfter, LocalDate today,
                            LocalDate boughtTodayRunsThrough) {
    }

    private final Associations associations;
    private final Clock clock;

    MembershipPolicyResource(Associations associations, Clock clock) {
        this.associations = associations;
        this.clock = clock;
    }

    @GetMapping("/api/payments/membership-policy")
    MembershipPolicy policy(Actor actor) {
        Association association = associations.require(actor.tenantId());
        LocalDate today = association.today(clock);
        MembershipVersion membership = association.membershipOn(today);
        return new MembershipPolicy(actor.tenantId(), membership.membershipRequiredToApply(),
                membership.nextYearAfter(), today, membership.runsThrough(today));
    }
}
