package org.iecmh.endorsement.application.comments;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.review.Section;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A conversation per section between the applicant and the association's coordinators and reviewers. */
@RestController
@RequestMapping("/api/applications/{applicationId}/comments")
class CommentResource {

    record CommentRequest(@NotNull @Schema(example = "WORK") Section section,
                          @NotBlank @Size(max = 4000) @Schema(example = "Which ages did the home visits serve?")
                          String text) {
    }

    private static final String WRITERS_ONLY = "Only the applicant, coordinators and reviewers comment";

    private final CommandGateway commands;
    private final ApplicationViews views;

    CommentResource(CommandGateway commands, ApplicationViews views) {
        this.commands = commands;
        this.views = views;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = {Role.APPLICANT, Role.COORDINATOR, Role.REVIEWER}, refusal = WRITERS_ONLY)
    List<Map<String, Object>> comment(@PathVariable String applicationId, @Valid @RequestBody CommentRequest request,
                                      Actor actor) {
        ApplicationView application = views.require(applicationId, actor);
        if (actor.hasRole(Role.APPLICANT) && !application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, WRITERS_ONLY);
        }
        commands.sendAndWait(new CommentOnSection(applicationId, UUID.randomUUID().toString(), request.section(),
                request.text().strip()), actor.metaData());
        return views.comments(applicationId);
    }

    /** Every comment, oldest first, with who wrote it and in which role. */
    @GetMapping
    List<Map<String, Object>> comments(@PathVariable String applicationId, Actor actor) {
        views.require(applicationId, actor);
        return views.comments(applicationId);
    }
}
