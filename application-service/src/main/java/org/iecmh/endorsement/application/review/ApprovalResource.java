package org.iecmh.endorsement.application.review;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.policy.EndorsementNumbers;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

@RestController
class ApprovalResource {

    private final CommandGateway commands;
    private final ApplicationViews views;
    private final EndorsementNumbers numbers;
    private final TenantPolicies policies;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ApprovalResource(CommandGateway commands, ApplicationViews views, EndorsementNumbers numbers,
                     TenantPolicies policies, TransactionTemplate transaction, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.numbers = numbers;
        this.policies = policies;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The number is drawn in the transaction that stores the grant, so a refused approval uses no number. */
    @PostMapping("/api/applications/{applicationId}/approval")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator approves an application")
    ApplicationView approve(@PathVariable String applicationId, Actor actor) {
        views.require(applicationId, actor);
        return transaction.execute(status -> {
            LocalDate today = policies.today(actor.tenantId(), clock);
            LocalDate validThrough = policies.renewalPolicy(actor.tenantId(), today).validThrough(today);
            commands.sendAndWait(new ApproveApplication(applicationId, numbers.next(actor.tenantId()), validThrough),
                    actor.metaData());
            return views.require(applicationId, actor);
        });
    }
}
