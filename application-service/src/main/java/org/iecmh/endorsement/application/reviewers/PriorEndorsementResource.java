package org.iecmh.endorsement.application.reviewers;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** An association's admin records the endorsements its people held before the platform (its reviewers first). */
@RestController
class PriorEndorsementResource {

    record PriorEndorsementRequest(@NotBlank @Size(max = 32) @Schema(example = "MA-LEGACY-0042") String endorsementNumber,
                                   @NotBlank @Size(max = 255) @Schema(example = "reviewer-ana") String subject,
                                   @NotBlank @Size(max = 200) @Schema(example = "Ana Lima") String name,
                                   @NotBlank @Pattern(regexp = "[A-Z][A-Z-]{1,9}") @Schema(example = "IMHM-C")
                                   String category,
                                   @NotNull @PastOrPresent LocalDate endorsedSince,
                                   @Size(max = 5) @Schema(description = "Add-ons held with it: ERS, the Endorsed "
                                           + "Reflective Supervisor add-on", example = "[\"ERS\"]")
                                   List<@NotBlank String> addOns) {
    }

    private final CommandGateway commands;

    PriorEndorsementResource(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/api/applications/prior-endorsements")
    @AllowedRoles(value = Role.TENANT_ADMIN, refusal = "Only the association's admin records these")
    @ResponseStatus(HttpStatus.CREATED)
    PriorEndorsementRequest record(@Valid @RequestBody PriorEndorsementRequest request, Actor actor) {
        if (!Category.isKnown(request.category())) {
            throw new DomainRuleViolation("unknown-category", "No endorsement category " + request.category());
        }
        List<String> addOns = request.addOns() == null ? List.of() : request.addOns();
        addOns.stream().filter(addOn -> !AddOn.isKnown(addOn)).findFirst().ifPresent(addOn -> {
            throw new InvalidRequest("addOns", "unknown-add-on", "No add-on " + addOn + "; the add-on is ERS");
        });
        commands.sendAndWait(new RecordPriorEndorsement(request.endorsementNumber().strip(), request.subject().strip(),
                request.name().strip(), Category.fromAbbreviation(request.category()), request.endorsedSince(),
                addOns.stream().map(AddOn::fromAbbreviation).distinct().toList()), actor.metaData());
        return request;
    }
}
