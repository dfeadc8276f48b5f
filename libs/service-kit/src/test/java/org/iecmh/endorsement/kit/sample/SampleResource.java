package org.iecmh.endorsement.kit.sample;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

@RestController
class SampleResource {

    record SubmitRequest(@NotBlank String personId, @NotBlank String name,
                         @NotBlank @Pattern(regexp = "[A-Z-]{3,8}") String category) {
    }

    record RenameRequest(@NotBlank String name) {
    }

    private final CommandGateway commands;

    SampleResource(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/samples")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> submit(@Valid @RequestBody SubmitRequest request, Actor actor) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new SampleSubmission.Submit(id, actor.tenantId(), request.personId(), request.name(),
                                request.category()))
                .withMetaData(actor.metaData()));
        return Map.of("id", id);
    }

    /** Staff only: a caller without the role is refused before the body is even read. */
    @PostMapping("/samples/approvals")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only coordinators approve samples")
    Map<String, String> approve(@Valid @RequestBody SubmitRequest request, Actor actor) {
        return Map.of("approvedBy", actor.subject());
    }

    @PutMapping("/samples/{id}/name")
    void rename(@PathVariable String id, @Valid @RequestBody RenameRequest request, Actor actor) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SampleSubmission.Rename(id, request.name()))
                .withMetaData(actor.metaData()));
    }
}
