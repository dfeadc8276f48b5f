package org.iecmh.endorsement.renewal.lifecycle;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** An endorsement, its hold and its revocation. */
@RestController
class EndorsementResource {

    record RevocationRequest(@NotBlank @Size(max = 2000) @Schema(example = "Code of ethics breach") String reason) {
    }

    private static final String ENDORSEE_OR_COORDINATOR = "Only the endorsee or a coordinator may do this";

    private final EndorsementFile views;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    EndorsementResource(EndorsementFile views, CommandGateway commands, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping("/api/endorsements/{endorsementNumber}")
    EndorsementView get(@PathVariable String endorsementNumber, Actor actor) {
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/api/endorsements/{endorsementNumber}/revocation")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator revokes an endorsement")
    EndorsementView revoke(@PathVariable String endorsementNumber, @Valid @RequestBody RevocationRequest request,
                           Actor actor) {
        views.require(endorsementNumber, actor);
        commands.sendAndWait(new RevokeEndorsement(endorsementNumber, request.reason(), today(actor)),
                actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/api/endorsements/{endorsementNumber}/inactivation")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE, Role.COORDINATOR}, refusal = ENDORSEE_OR_COORDINATOR)
    EndorsementView inactivate(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        actor = views.actingOn(endorsement, actor);
        commands.sendAndWait(new InactivateEndorsement(endorsementNumber, today(actor),
                policies.policy(actor.tenantId(), endorsement.validThrough())), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/api/endorsements/{endorsementNumber}/reactivation")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE, Role.COORDINATOR}, refusal = ENDORSEE_OR_COORDINATOR)
    EndorsementView reactivate(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        actor = views.actingOn(endorsement, actor);
        commands.sendAndWait(new ReactivateEndorsement(endorsementNumber, today(actor),
                policies.policy(actor.tenantId(), endorsement.validThrough())), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    /** The day it is for the association the actor acts in. */
    private LocalDate today(Actor actor) {
        return policies.today(actor.tenantId(), clock);
    }
}
