package org.iecmh.endorsement.renewal.transfer;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** Moving state: the endorsee asks, the receiving association's coordinator accepts. */
@RestController
@RequestMapping("/api/endorsements/{endorsementNumber}/transfer")
class TransferResource {

    record TransferRequest(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,15}") @Schema(example = "wa")
                           String toTenantId) {
    }

    private final EndorsementFile views;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    TransferResource(EndorsementFile views, CommandGateway commands, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = "Only the endorsee asks for a transfer")
    EndorsementView request(@PathVariable String endorsementNumber, @Valid @RequestBody TransferRequest request,
                            Actor actor) {
        actor = views.actingOn(views.require(endorsementNumber, actor), actor);
        LocalDate today = policies.today(actor.tenantId(), clock);
        if (!policies.codes().contains(request.toTenantId())) {
            throw new InvalidRequest("toTenantId", "unknown-association", "names no association on the platform");
        }
        commands.sendAndWait(new RequestTransfer(endorsementNumber, request.toTenantId(), today), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/acceptance")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator accepts a transfer")
    EndorsementView accept(@PathVariable String endorsementNumber, Actor actor) {
        views.requireTransferringTo(endorsementNumber, actor);
        LocalDate today = policies.today(actor.tenantId(), clock);
        commands.sendAndWait(new AcceptTransfer(endorsementNumber, today, policies.policy(actor.tenantId(), today)),
                actor.metaData());
        return views.require(endorsementNumber, actor);
    }
}
