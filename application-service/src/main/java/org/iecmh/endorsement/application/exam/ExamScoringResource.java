package org.iecmh.endorsement.application.exam;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * What a scorer sees: the sittings assigned to them, each under its candidate code with the category, date and
 * parts, and nothing that names the candidate (no name, application or contact); they score by the code.
 */
@RestController
@RequestMapping("/api/applications/exam-sittings")
class ExamScoringResource {

    private final CommandGateway commands;
    private final ApplicationViews views;
    private final TenantPolicies policies;
    private final Clock clock;

    ExamScoringResource(CommandGateway commands, ApplicationViews views, TenantPolicies policies, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.policies = policies;
        this.clock = clock;
    }

    /** The sittings assigned to the scorer that wait for scores, the earliest first. */
    @GetMapping
    @AllowedRoles(value = Role.REVIEWER, refusal = "The scoring queue is for exam scorers")
    List<ScorerSitting> assigned(Actor actor) {
        return views.sittingsScoredBy(actor.tenantId(), actor.subject(), true);
    }

    @PostMapping("/{candidateCode}/scores")
    @AllowedRoles(value = Role.REVIEWER, refusal = "Only scorers enter exam scores")
    ScorerSitting score(@PathVariable String candidateCode, @Valid @RequestBody ExamResource.ScoreRequest request, Actor actor) {
        String applicationId = views.applicationOfCandidate(actor.tenantId(), actor.subject(), candidateCode)
                .orElseThrow(() -> new UnknownResource("exam sitting", candidateCode));
        commands.sendAndWait(new RecordExamScore(applicationId, request.part(), actor.subject(), request.percent(),
                policies.today(actor.tenantId(), clock)), actor.metaData());
        return views.sittingsScoredBy(actor.tenantId(), actor.subject(), false).stream()
                .filter(sitting -> sitting.candidateCode().equals(candidateCode)).findFirst()
                .orElseThrow(() -> new UnknownResource("exam sitting", candidateCode));
    }
}
