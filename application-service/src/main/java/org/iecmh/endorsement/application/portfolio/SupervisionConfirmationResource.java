package org.iecmh.endorsement.application.portfolio;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The applicant asks a reflective supervision provider to confirm the sessions the portfolio logs with them (the
 * provider is mailed a one-time link, {@link SupervisionFormResource}); the owner, the association's staff and the
 * assigned reviewers see what each provider answered.
 */
@RestController
@RequestMapping("/api/applications/{applicationId}/portfolio/supervision-confirmations")
class SupervisionConfirmationResource {

    record ConfirmationRequest(@NotBlank @Size(max = 32) @Schema(example = "MA-000009") String providerEndorsementNumber,
                               @NotBlank @Size(max = 200) @Schema(example = "Robin Provider") String providerName,
                               @NotBlank @Email @Size(max = 254) @Schema(example = "robin@example.org")
                               String providerEmail) {
    }

    private static final String APPLICANT_ONLY = "Only the applicant asks a provider to confirm their sessions";

    private final CommandGateway commands;
    private final CaseFile caseFile;
    private final SupervisionViews confirmations;
    private final TenantPolicies policies;
    private final Clock clock;

    SupervisionConfirmationResource(CommandGateway commands, CaseFile caseFile, SupervisionViews confirmations,
                                    TenantPolicies policies, Clock clock) {
        this.commands = commands;
        this.caseFile = caseFile;
        this.confirmations = confirmations;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = Role.APPLICANT, refusal = APPLICANT_ONLY)
    SupervisionViews.ConfirmationView ask(@PathVariable String applicationId,
                                          @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                                          @Size(min = 1, max = 100) String idempotencyKey,
                                          @Valid @RequestBody ConfirmationRequest request, Actor actor) {
        ApplicationView application = caseFile.require(applicationId, actor);
        if (!application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, APPLICANT_ONLY);
        }
        String confirmationId = IdempotencyKey.id(idempotencyKey, applicationId);
        // Whole seconds, so that the expiry reads back from the database exactly as the event states it.
        Instant expires = clock.instant().plus(policies.references(actor.tenantId()).lifetime())
                .truncatedTo(ChronoUnit.SECONDS);
        commands.sendAndWait(new AskSupervisionConfirmation(applicationId, confirmationId,
                request.providerEndorsementNumber().strip(), request.providerName().strip(),
                request.providerEmail().strip(), expires), actor.metaData());
        return confirmations.find(confirmationId).orElseThrow(() -> new IllegalStateException(
                "Supervision confirmation " + confirmationId + " is not in the read model after its command"));
    }

    @GetMapping
    List<SupervisionViews.ConfirmationView> list(@PathVariable String applicationId, Actor actor) {
        caseFile.requireEvidence(applicationId, actor);
        return confirmations.ofApplication(applicationId);
    }
}
