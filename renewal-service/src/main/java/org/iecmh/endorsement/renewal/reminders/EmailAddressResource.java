package org.iecmh.endorsement.renewal.reminders;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


/** Where the endorsee's renewal reminders go. */
@RestController
class EmailAddressResource {

    record EmailAddressRequest(@NotBlank @Email @Size(max = 320) @Schema(example = "zoe@example.org")
                               String emailAddress) {
    }

    private final EndorsementFile views;
    private final CommandGateway commands;

    EmailAddressResource(EndorsementFile views, CommandGateway commands) {
        this.views = views;
        this.commands = commands;
    }

    @PutMapping("/api/endorsements/{endorsementNumber}/email-address")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = "Only the endorsee gives their email address")
    EndorsementView record(@PathVariable String endorsementNumber, @Valid @RequestBody EmailAddressRequest request,
                           Actor actor) {
        actor = views.actingOn(views.require(endorsementNumber, actor), actor);
        commands.sendAndWait(new RecordEmailAddress(endorsementNumber, request.emailAddress()), actor.metaData());
        return views.require(endorsementNumber, actor);
    }
}
