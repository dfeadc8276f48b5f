package org.iecmh.endorsement.application.submission;

import java.util.Set;
import org.iecmh.endorsement.contracts.association.Association;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.membership.Memberships;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.requirements.Requirements;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@RestController
@RequestMapping("/api/applications")
class ApplicationResource {

    /**
     * The category is an Alliance abbreviation such as IFS, ECMHS or IMHM-C; {@code stateOfResidence} the two-letter
     * code of the state the applicant lives in, which must be the association's.
     */
    record StartRequest(@NotBlank @Size(max = 200) @Schema(example = "Zoë Example") String applicantName,
                        @NotBlank @Pattern(regexp = "[A-Z][A-Z-]{1,9}") @Schema(example = "IFA") String category,
                        @NotBlank @Email @Size(max = 254) @Schema(example = "zoe@example.org") String contactEmail,
                        @NotBlank @Pattern(regexp = "[A-Z]{2}") @Schema(example = "MA") String stateOfResidence) {
    }

    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final ApplicationViews views;
    private final Requirements requirements;

    private final Memberships memberships;
    private final Clock clock;

    ApplicationResource(CommandGateway commands, TenantPolicies policies, ApplicationViews views,
                        Requirements requirements, Memberships memberships, Clock clock) {
        this.commands = commands;
        this.policies = policies;
        this.views = views;
        this.requirements = requirements;
        this.memberships = memberships;
        this.clock = clock;
    }

    /**
     * Starts an application. With an {@code Idempotency-Key} header the key names it: the same request sent again (its
     * answer lost, or still on its way) answers the application it started, 200, and starts no other.
     */
    @PostMapping
    @AllowedRoles(value = Role.APPLICANT, refusal = "Only an applicant starts an application")
    ResponseEntity<ApplicationView> start(@RequestHeader(value = IdempotencyKey.HEADER, required = false)
                                          @Size(min = 1, max = 100) String idempotencyKey,
                                          @Valid @RequestBody StartRequest request, Actor actor) {
        String applicationId = IdempotencyKey.id(idempotencyKey, actor.tenantId(), actor.subject());
        Optional<ApplicationView> earlier = startedBefore(idempotencyKey, applicationId, actor);
        if (earlier.isPresent()) {
            return ResponseEntity.ok(earlier.get());
        }
        Association association = policies.tenant(actor.tenantId());
        if (!Category.isKnown(request.category())) {
            throw new DomainRuleViolation("unknown-category", "No endorsement category " + request.category());
        }
        Category category = Category.fromAbbreviation(request.category());
        if (!association.offers(category)) {
            throw new DomainRuleViolation("category-not-offered", association.name() + " does not offer "
                    + category.title() + " (" + category.abbreviation() + ")");
        }
        if (views.hasApplicationInProgress(actor.tenantId(), actor.subject())) {
            // The one in progress may be this key's, stored by its first request since it was looked for above.
            return startedBefore(idempotencyKey, applicationId, actor).map(ResponseEntity::ok)
                    .orElseThrow(() -> new DomainRuleViolation("one-application-in-progress",
                            "An application is already in progress; one category at a time"));
        }
        LocalDate today = policies.today(actor.tenantId(), clock);
        MembershipToApply membership = association.membershipOn(today).membershipRequiredToApply()
                ? new MembershipToApply(true, memberships.isMemberOn(actor.tenantId(), actor.subject(), today))
                : MembershipToApply.NOT_REQUIRED;
        try {
            commands.sendAndWait(new StartApplication(applicationId, actor.subject(), request.applicantName().strip(),
                    category, request.contactEmail().strip(), request.stateOfResidence(), Set.of(association.state()),
                    association.name(), membership), actor.metaData());
        } catch (AggregateStreamCreationException | ConcurrencyException | DuplicateKeyException raced) {
            // The same key's first request stored it meanwhile.
            return startedBefore(idempotencyKey, applicationId, actor).map(ResponseEntity::ok).orElseThrow(() -> raced);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(views.require(applicationId, actor));
    }

    /** The application a request with this key started before, if it did. */
    private Optional<ApplicationView> startedBefore(String idempotencyKey, String applicationId, Actor actor) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return views.find(applicationId).filter(application -> application.tenantId().equals(actor.tenantId())
                && application.personId().equals(actor.subject()));
    }

    /** The applicant's own, only: anyone else's application does not exist for an applicant. */
    @PostMapping("/{applicationId}/submission")
    @AllowedRoles(value = Role.APPLICANT, refusal = "Only the applicant submits an application")
    ApplicationView submit(@PathVariable String applicationId, Actor actor) {
        ApplicationView application = views.require(applicationId, actor);
        commands.sendAndWait(requirements.submission(application), actor.metaData());
        return views.require(applicationId, actor);
    }

    /** The coordinator's work queue: one state, the longest waiting first. */
    @GetMapping
    @AllowedRoles(value = {Role.COORDINATOR, Role.AUDITOR}, refusal = "The work queue is for the association's staff")
    List<ApplicationView> queue(@RequestParam ApplicationStatus status,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Actor actor) {
        return views.queue(actor.tenantId(), status, page, size);
    }

    /** The applicant's own applications, the latest first. */
    @GetMapping("/mine")
    List<ApplicationView> mine(Actor actor) {
        return views.ownedBy(actor.tenantId(), actor.subject());
    }

    @GetMapping("/{applicationId}")
    ApplicationView get(@PathVariable String applicationId, Actor actor) {
        return views.require(applicationId, actor);
    }
}
