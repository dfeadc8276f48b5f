package org.iecmh.endorsement.application.review;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Two reviewers per application, named by a coordinator; each recommends approve, defer or hold. */
@RestController
class ReviewResource {

    record AssignmentRequest(@NotNull @Size(min = 2, max = 2)
                             @Schema(example = "[\"reviewer-ana\", \"reviewer-kim\"]")
                             List<@NotBlank String> reviewers) {
    }

    record ReviewRequest(@NotNull @Schema(example = "DEFER") ReviewDecision decision,
                         @Size(max = 50) List<@Valid ReviewComment> comments) {
    }

    /** A reviewer's comment on a section, given with a deferral. */
    record ReviewComment(@NotNull @Schema(example = "TRAINING") Section section,
                         @NotBlank @Size(max = 4000) @Schema(example = "Please add the hours of each training")
                         String comment) {
    }

    private final CommandGateway commands;
    private final ApplicationViews views;
    private final Nominations nominations;

    ReviewResource(CommandGateway commands, ApplicationViews views, Nominations nominations) {
        this.commands = commands;
        this.views = views;
        this.nominations = nominations;
    }

    /**
     * Confirms the category and names two reviewers, each with an endorsement that stands today at the application's
     * level or higher in its track.
     */
    @PostMapping("/api/applications/{applicationId}/reviewers")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator assigns reviewers")
    List<Map<String, Object>> assign(@PathVariable String applicationId,
                                     @Valid @RequestBody AssignmentRequest request, Actor actor) {
        ApplicationView application = views.require(applicationId, actor);
        List<Reviewer> reviewers = nominations.nominate(request.reviewers(), application);
        commands.sendAndWait(new AssignReviewers(applicationId, reviewers), actor.metaData());
        return views.reviews(applicationId);
    }

    /** The people who may be named as reviewers of the application today, by name (the rules of {@link #assign}). */
    @GetMapping("/api/applications/{applicationId}/eligible-reviewers")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator assigns reviewers")
    List<Nominations.EligibleReviewer> eligibleReviewers(@PathVariable String applicationId, Actor actor) {
        return nominations.eligible(views.require(applicationId, actor));
    }

    @PostMapping("/api/applications/{applicationId}/reviews")
    @AllowedRoles(value = {Role.REVIEWER, Role.COORDINATOR}, refusal = "Only reviewers record reviews")
    ApplicationView review(@PathVariable String applicationId, @Valid @RequestBody ReviewRequest request,
                           Actor actor) {
        views.require(applicationId, actor);
        List<SectionComment> comments = request.comments() == null ? List.of() : request.comments().stream()
                .map(c -> new SectionComment(c.section(), c.comment().strip())).toList();
        commands.sendAndWait(new RecordReview(applicationId, actor.subject(), request.decision(), comments),
                actor.metaData());
        return views.require(applicationId, actor);
    }

    @GetMapping("/api/applications/{applicationId}/reviews")
    @AllowedRoles(value = {Role.REVIEWER, Role.COORDINATOR, Role.AUDITOR}, refusal = "Reviews are for the association's staff")
    List<Map<String, Object>> reviews(@PathVariable String applicationId, Actor actor) {
        views.require(applicationId, actor);
        return views.reviews(applicationId);
    }

    /** The reviewer's own queue: applications assigned to them that wait for review. */
    @GetMapping("/api/applications/assigned")
    @AllowedRoles(value = {Role.REVIEWER, Role.COORDINATOR}, refusal = "The review queue is for reviewers")
    List<ApplicationView> assigned(Actor actor) {
        return views.assignedTo(actor.tenantId(), actor.subject());
    }

}
