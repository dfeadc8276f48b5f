package org.iecmh.endorsement.renewal.submission;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** The endorsee submits a renewal inside the window; a coordinator approves it or returns it with comments. */
@RestController
@RequestMapping("/api/endorsements/{endorsementNumber}/renewal")
class RenewalResource {

    record ReturnRequest(@NotBlank @Size(max = 4000) @Schema(example = "Add the RSC log for 2029") String comments) {
    }

    private static final String COORDINATOR_ONLY = "Only a coordinator reviews renewals";

    private final EndorsementFile views;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    RenewalResource(EndorsementFile views, CommandGateway commands, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = "Only the endorsee submits a renewal")
    EndorsementView submit(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        actor = views.actingOn(endorsement, actor);
        commands.sendAndWait(new SubmitRenewal(endorsementNumber, policies.today(actor.tenantId(), clock),
                policies.policy(actor.tenantId(), endorsement.validThrough())), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/return")
    @AllowedRoles(value = Role.COORDINATOR, refusal = COORDINATOR_ONLY)
    EndorsementView giveBack(@PathVariable String endorsementNumber, @Valid @RequestBody ReturnRequest request,
                             Actor actor) {
        views.require(endorsementNumber, actor);
        commands.sendAndWait(new ReturnRenewal(endorsementNumber, request.comments()), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/approval")
    @AllowedRoles(value = Role.COORDINATOR, refusal = COORDINATOR_ONLY)
    EndorsementView approve(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        commands.sendAndWait(new ApproveRenewal(endorsementNumber, policies.today(actor.tenantId(), clock),
                policies.policy(actor.tenantId(), endorsement.validThrough())), actor.metaData());
        return views.require(endorsementNumber, actor);
    }
}
