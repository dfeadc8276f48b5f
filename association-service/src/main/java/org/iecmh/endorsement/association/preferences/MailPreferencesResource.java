package org.iecmh.endorsement.association.preferences;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's own mail preferences in the association they act in: anyone signed in reads and changes
 * theirs, and nobody else's.
 */
@RestController
@RequestMapping("/api/associations/mail-preferences/mine")
class MailPreferencesResource {

    /** Each part blank or absent: no choice, the step's own address or the request's language. */
    record MailPreferencesRequest(
            @Email @Size(max = 254) @Schema(example = "zoe.personal@example.org",
                    description = "Where every mail meant for you goes, in place of the address each step gives; "
                            + "a personal address is recommended") String emailAddress,
            @Pattern(regexp = "en|es") @Schema(example = "es",
                    description = "The language of your mail, whatever language your requests name") String language) {
    }

    private final CommandGateway commands;
    private final MailPreferenceRecords records;

    MailPreferencesResource(CommandGateway commands, MailPreferenceRecords records) {
        this.commands = commands;
        this.records = records;
    }

    @GetMapping
    @Operation(summary = "Where and in which language the platform mails you in this association")
    MailPreferenceRecords.Chosen mine(Actor actor) {
        return records.of(actor.tenantId(), actor.subject());
    }

    @PutMapping
    @Operation(summary = "Choose where and in which language the platform mails you; every service follows")
    MailPreferenceRecords.Chosen choose(@Valid @RequestBody MailPreferencesRequest request, Actor actor) {
        commands.sendAndWait(new ChooseMailPreferences(MailPreferences.idOf(actor.tenantId(), actor.subject()),
                actor.tenantId(), actor.subject(), blankAsNull(request.emailAddress()),
                blankAsNull(request.language())), actor.metaData());
        return records.of(actor.tenantId(), actor.subject());
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
