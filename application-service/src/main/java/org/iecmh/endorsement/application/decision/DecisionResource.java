package org.iecmh.endorsement.application.decision;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** Ends an application without a grant: denied by a coordinator, or withdrawn by the applicant. */
@RestController
@RequestMapping("/api/applications/{applicationId}")
class DecisionResource {

    record DenialRequest(@NotEmpty @Size(max = 20)
                         @Schema(example = "[\"The work history does not include infants or toddlers\"]")
                         List<@NotBlank @Size(max = 2000) String> reasons) {
    }

    record WithdrawalRequest(@Size(max = 2000) @Schema(example = "Moving to Washington") String reason) {
    }

    private final CommandGateway commands;
    private final ApplicationViews views;

    DecisionResource(CommandGateway commands, ApplicationViews views) {
        this.commands = commands;
        this.views = views;
    }

    @PostMapping("/denial")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator denies an application")
    ApplicationView deny(@PathVariable String applicationId, @Valid @RequestBody DenialRequest request,
                         Actor actor) {
        views.require(applicationId, actor);
        commands.sendAndWait(new DenyApplication(applicationId, request.reasons().stream().map(String::strip).toList()),
                actor.metaData());
        return views.require(applicationId, actor);
    }

    @PostMapping("/withdrawal")
    @AllowedRoles(value = Role.APPLICANT, refusal = "Only the applicant withdraws an application")
    ApplicationView withdraw(@PathVariable String applicationId, @Valid @RequestBody WithdrawalRequest request,
                             Actor actor) {
        ApplicationView application = views.require(applicationId, actor);
        if (!application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the applicant withdraws an application");
        }
        commands.sendAndWait(new WithdrawApplication(applicationId, request.reason()), actor.metaData());
        return views.require(applicationId, actor);
    }
}
