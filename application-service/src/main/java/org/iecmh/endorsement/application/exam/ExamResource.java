package org.iecmh.endorsement.application.exam;

import org.iecmh.endorsement.contracts.association.ExamVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.review.Nominations;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.time.DateRange;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The exam, for categories with one: a sitting a coordinator books, two scorers a coordinator assigns, and the
 * scores they enter from the sitting's date on.
 */
@RestController
@RequestMapping("/api/applications/{applicationId}/exam")
class ExamResource {

    record SittingRequest(@NotNull @Schema(example = "2027-03-15") LocalDate sittingOn) {
    }

    record ScorersRequest(@NotNull @Size(min = 2, max = 2) @Schema(example = "[\"scorer-lee\", \"scorer-sam\"]")
                          List<@NotBlank String> scorers) {
    }

    record ScoreRequest(@NotNull @Schema(example = "MULTIPLE_CHOICE") ExamPart part,
                        @Min(0) @Max(100) @Schema(example = "84") int percent) {
    }

    /** Letters and digits that cannot be mistaken for one another when read aloud or copied. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final ApplicationViews views;
    private final TenantPolicies policies;
    private final Nominations nominations;
    private final Clock clock;

    ExamResource(CommandGateway commands, ApplicationViews views, TenantPolicies policies, Nominations nominations,
                 Clock clock) {
        this.commands = commands;
        this.views = views;
        this.policies = policies;
        this.nominations = nominations;
        this.clock = clock;
    }

    /** A sitting is booked from today (the association's day) up to two years ahead. */
    @PostMapping
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator books exam sittings")
    List<Map<String, Object>> schedule(@PathVariable String applicationId, @Valid @RequestBody SittingRequest request,
                                       Actor actor) {
        views.require(applicationId, actor);
        LocalDate today = policies.today(actor.tenantId(), clock);
        DateRange.Check.ahead("sittingOn", request.sittingOn(), today, today);
        ExamVersion exam = policies.exam(actor.tenantId());
        commands.sendAndWait(new ScheduleExam(applicationId, request.sittingOn(), exam.passMark(),
                exam.retakeMonths()), actor.metaData());
        return views.examAttempts(applicationId);
    }

    /** Names the two scorers of the booked sitting; they see the candidate under a code, never by name. */
    @PostMapping("/scorers")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator assigns exam scorers")
    List<Map<String, Object>> assignScorers(@PathVariable String applicationId,
                                            @Valid @RequestBody ScorersRequest request, Actor actor) {
        ApplicationView application = views.require(applicationId, actor);
        commands.sendAndWait(new AssignScorers(applicationId, nominations.nominate(request.scorers(), application),
                candidateCode(), policies.exam(actor.tenantId()).ownReviewersMayScore()), actor.metaData());
        return views.examAttempts(applicationId);
    }

    @PostMapping("/scores")
    @AllowedRoles(value = {Role.REVIEWER, Role.COORDINATOR}, refusal = "Only scorers enter exam scores")
    List<Map<String, Object>> score(@PathVariable String applicationId, @Valid @RequestBody ScoreRequest request,
                                    Actor actor) {
        views.require(applicationId, actor);
        commands.sendAndWait(new RecordExamScore(applicationId, request.part(), actor.subject(), request.percent(),
                policies.today(actor.tenantId(), clock)), actor.metaData());
        return views.examAttempts(applicationId);
    }

    @GetMapping
    List<Map<String, Object>> attempts(@PathVariable String applicationId, Actor actor) {
        views.require(applicationId, actor);
        return views.examAttempts(applicationId);
    }

    static String candidateCode() {
        StringBuilder code = new StringBuilder("C-");
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
