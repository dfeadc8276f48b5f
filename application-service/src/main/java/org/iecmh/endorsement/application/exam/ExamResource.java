package org.iecmh.endorsement.application.exam;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The exam, for categories with one: a sitting booked by a coordinator, scores entered by two blind scorers. */
@RestController
@RequestMapping("/api/applications/{applicationId}/exam")
class ExamResource {

    record SittingRequest(@NotNull @Schema(example = "2027-03-15") LocalDate sittingOn) {
    }

    record ScoreRequest(@NotNull @Schema(example = "MULTIPLE_CHOICE") ExamPart part,
                        @Min(0) @Max(100) @Schema(example = "84") int percent) {
    }

    private final CommandGateway commands;
    private final ApplicationViews views;
    private final TenantPolicies policies;

    ExamResource(CommandGateway commands, ApplicationViews views, TenantPolicies policies) {
        this.commands = commands;
        this.views = views;
        this.policies = policies;
    }

    @PostMapping
    @AllowedRoles(value = "COORDINATOR", refusal = "Only a coordinator books exam sittings")
    List<Map<String, Object>> schedule(@PathVariable String applicationId, @Valid @RequestBody SittingRequest request,
                                       Actor actor) {
        views.require(applicationId, actor);
        TenantPolicies.Exam exam = policies.exam(actor.tenantId());
        commands.sendAndWait(new ScheduleExam(applicationId, request.sittingOn(), exam.passMark(),
                exam.retakeMonths()), actor.metaData());
        return views.examAttempts(applicationId);
    }

    @PostMapping("/scores")
    @AllowedRoles(value = {"REVIEWER", "COORDINATOR"}, refusal = "Only scorers enter exam scores")
    List<Map<String, Object>> score(@PathVariable String applicationId, @Valid @RequestBody ScoreRequest request,
                                    Actor actor) {
        views.require(applicationId, actor);
        commands.sendAndWait(new RecordExamScore(applicationId, request.part(), actor.subject(), request.percent()),
                actor.metaData());
        return views.examAttempts(applicationId);
    }

    @GetMapping
    List<Map<String, Object>> attempts(@PathVariable String applicationId, Actor actor) {
        views.require(applicationId, actor);
        return views.examAttempts(applicationId);
    }
}
