package org.iecmh.endorsement.renewal.reinstatement;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** Reinstatement after a lapse: the endorsee asks, pays the fee, meets the years since; a coordinator approves. */
@RestController
@RequestMapping("/api/endorsements/{endorsementNumber}/reinstatement")
class ReinstatementResource {

    private final EndorsementFile views;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    ReinstatementResource(EndorsementFile views, CommandGateway commands, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = "Only the endorsee asks for reinstatement")
    EndorsementView request(@PathVariable String endorsementNumber, Actor actor) {
        actor = views.actingOn(views.require(endorsementNumber, actor), actor);
        LocalDate today = policies.today(actor.tenantId(), clock);
        commands.sendAndWait(new RequestReinstatement(endorsementNumber, today,
                policies.policy(actor.tenantId(), today)), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/approval")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator approves a reinstatement")
    EndorsementView approve(@PathVariable String endorsementNumber, Actor actor) {
        views.require(endorsementNumber, actor);
        LocalDate today = policies.today(actor.tenantId(), clock);
        commands.sendAndWait(new ApproveReinstatement(endorsementNumber, today,
                policies.policy(actor.tenantId(), today)), actor.metaData());
        return views.require(endorsementNumber, actor);
    }
}
