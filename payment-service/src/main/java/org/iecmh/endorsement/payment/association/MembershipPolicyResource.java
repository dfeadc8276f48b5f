package org.iecmh.endorsement.payment.association;

import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The association's membership rule as anyone signed in reads it: whether it asks applicants to be members before
 * they apply, and how long a membership bought today runs.
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
        Associations.Membership membership = associations.membership(actor.tenantId());
        LocalDate today = associations.today(actor.tenantId(), clock);
        return new MembershipPolicy(actor.tenantId(), membership.requiredToApply(), membership.nextYearAfter(), today,
                membership.runsThrough(today));
    }
}
