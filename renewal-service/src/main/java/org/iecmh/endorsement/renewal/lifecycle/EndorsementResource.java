package org.iecmh.endorsement.renewal.lifecycle;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

/** An endorsement, its hold and its revocation. */
@RestController
class EndorsementResource {

    /** The endorsee signs in as they did when applying. */
    static final Set<String> ENDORSEE_ROLES = Set.of("APPLICANT", "ENDORSEE");

    record RevocationRequest(@NotBlank @Size(max = 2000) @Schema(example = "Code of ethics breach") String reason) {
    }

    private final EndorsementViews views;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    EndorsementResource(EndorsementViews views, CommandGateway commands, TenantPolicies policies, Clock clock) {
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
    EndorsementView revoke(@PathVariable String endorsementNumber, @Valid @RequestBody RevocationRequest request,
                           Actor actor) {
        actor.requireRole("Only a coordinator revokes an endorsement", "COORDINATOR");
        views.require(endorsementNumber, actor);
        commands.sendAndWait(new RevokeEndorsement(endorsementNumber, request.reason(), today()), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/api/endorsements/{endorsementNumber}/inactivation")
    EndorsementView inactivate(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = endorseeOrCoordinator(endorsementNumber, actor);
        commands.sendAndWait(new InactivateEndorsement(endorsementNumber, today(),
                policies.policy(actor.tenantId(), endorsement.validThrough())), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/api/endorsements/{endorsementNumber}/reactivation")
    EndorsementView reactivate(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = endorseeOrCoordinator(endorsementNumber, actor);
        commands.sendAndWait(new ReactivateEndorsement(endorsementNumber, today(),
                policies.policy(actor.tenantId(), endorsement.validThrough())), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    private EndorsementView endorseeOrCoordinator(String endorsementNumber, Actor actor) {
        if (!actor.hasRole("COORDINATOR") && !ENDORSEE_ROLES.contains(actor.role())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the endorsee or a coordinator may do this");
        }
        return views.require(endorsementNumber, actor);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
