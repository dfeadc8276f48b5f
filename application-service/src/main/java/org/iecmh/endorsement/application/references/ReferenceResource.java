package org.iecmh.endorsement.application.references;

import org.iecmh.endorsement.contracts.association.References;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.Phrase;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The applicant names raters, replaces one and has a link sent again; the applicant and the association's staff
 * follow each rater's status. Staff read completed forms; the applicant reads only those they did not waive.
 */
@RestController
@RequestMapping("/api/applications/{applicationId}/references")
class ReferenceResource {

    /** A rater: {@code waivesAccess} true means the applicant will never see the completed form. */
    record RaterRequest(@NotBlank @Size(max = 200) @Schema(example = "Dana Supervisor") String name,
                        @NotBlank @Email @Size(max = 254) @Schema(example = "dana@example.org") String email,
                        @NotNull @Schema(example = "CURRENT_SUPERVISOR") RaterRelationship relationship,
                        @NotNull @Schema(example = "true") Boolean waivesAccess) {
    }

    /**
     * A rater as the caller may see them. {@code status}: INVITED, LINK_EXPIRED, COMPLETED, DOES_NOT_COUNT (with
     * {@code doesNotCount} saying why in English, {@code whyNotCounted} as a phrase a page words) or REPLACED;
     * {@code rating} only where the caller may read the form.
     */
    /**
     * {@code items}: with a completed form its reader may read, the form's items in the order it asks them, each
     * worded in the language the request asked for ({@code Accept-Language}), English by default.
     */
    record RaterView(String referenceId, String name, String email, RaterRelationship relationship,
                     boolean waivesAccess, String status, String doesNotCount, Phrase whyNotCounted,
                     Instant linkExpiresAt, Instant completedAt, String replacedBy, Rating rating,
                     List<RatingItemText> items) {
    }

    /** An item of the rating form and its text. */
    record RatingItemText(String id, String text) {
    }

    private static final String APPLICANT_ONLY = "Only the applicant names their raters";

    /** Roles that read completed forms, waived or not. */
    private static final Set<Role> FORM_READERS = Set.of(Role.COORDINATOR, Role.REVIEWER, Role.AUDITOR);

    private final CommandGateway commands;
    private final ApplicationViews applications;
    private final ReferenceViews references;
    private final TenantPolicies policies;
    private final Clock clock;

    ReferenceResource(CommandGateway commands, ApplicationViews applications, ReferenceViews references,
                      TenantPolicies policies, Clock clock) {
        this.commands = commands;
        this.applications = applications;
        this.references = references;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping
    @AllowedRoles(value = Role.APPLICANT, refusal = APPLICANT_ONLY)
    @ResponseStatus(HttpStatus.CREATED)
    RaterView name(@PathVariable String applicationId, @Valid @RequestBody RaterRequest request, Actor actor) {
        requireApplicant(applicationId, actor);
        References policy = policies.references(actor.tenantId());
        String referenceId = UUID.randomUUID().toString();
        commands.sendAndWait(new NameRater(applicationId, referenceId, request.name().strip(),
                request.email().strip(), request.relationship(), request.waivesAccess(),
                policy.currentForm().version(), expiry(policy)), actor.metaData());
        return view(applicationId, referenceId, actor);
    }

    /** Another rater in place of one (whose rating did not count, or who cannot answer); the old link stops. */
    @PostMapping("/{referenceId}/replacement")
    @AllowedRoles(value = Role.APPLICANT, refusal = APPLICANT_ONLY)
    @ResponseStatus(HttpStatus.CREATED)
    RaterView replace(@PathVariable String applicationId, @PathVariable String referenceId,
                      @Valid @RequestBody RaterRequest request, Actor actor) {
        requireApplicant(applicationId, actor);
        References policy = policies.references(actor.tenantId());
        String replacement = UUID.randomUUID().toString();
        commands.sendAndWait(new ReplaceRater(applicationId, referenceId, replacement, request.name().strip(),
                request.email().strip(), request.relationship(), request.waivesAccess(),
                policy.currentForm().version(), expiry(policy)), actor.metaData());
        return view(applicationId, replacement, actor);
    }

    /** A new link for the rater, mailed again; the earlier link stops working. */
    @PostMapping("/{referenceId}/link")
    @AllowedRoles(value = Role.APPLICANT, refusal = APPLICANT_ONLY)
    RaterView resend(@PathVariable String applicationId, @PathVariable String referenceId, Actor actor) {
        requireApplicant(applicationId, actor);
        commands.sendAndWait(new ResendReferenceLink(applicationId, referenceId,
                expiry(policies.references(actor.tenantId()))), actor.metaData());
        return view(applicationId, referenceId, actor);
    }

    @GetMapping
    List<RaterView> list(@PathVariable String applicationId, Actor actor) {
        ApplicationView application = applications.require(applicationId, actor);
        return references.ofApplication(applicationId).stream().map(named -> view(application, named, actor))
                .toList();
    }

    /** One rater with the completed form; an applicant who waived access to it is refused. */
    @GetMapping("/{referenceId}")
    RaterView get(@PathVariable String applicationId, @PathVariable String referenceId, Actor actor) {
        ApplicationView application = applications.require(applicationId, actor);
        ReferenceViews.Named named = find(applicationId, referenceId);
        if (named.reference().waivesAccess() && !FORM_READERS.contains(actor.role())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "The applicant waived access to this reference; only the association's staff read it");
        }
        return view(application, named, actor);
    }

    private RaterView view(String applicationId, String referenceId, Actor actor) {
        return view(applications.require(applicationId, actor), find(applicationId, referenceId), actor);
    }

    private ReferenceViews.Named find(String applicationId, String referenceId) {
        return references.find(referenceId).filter(named -> named.applicationId().equals(applicationId))
                .orElseThrow(() -> new UnknownResource("reference", referenceId));
    }

    private RaterView view(ApplicationView application, ReferenceViews.Named named, Actor actor) {
        Reference reference = named.reference();
        String status;
        Phrase whyNotCounted = null;
        if (named.replacedBy() != null) {
            status = "REPLACED";
        } else if (reference.completed()) {
            whyNotCounted = ReferenceRules.of(policies.references(application.tenantId()))
                    .whyNotCounted(reference.rating());
            status = whyNotCounted == null ? "COMPLETED" : "DOES_NOT_COUNT";
        } else {
            status = clock.instant().isBefore(reference.linkExpiresAt()) ? "INVITED" : "LINK_EXPIRED";
        }
        boolean readsForm = FORM_READERS.contains(actor.role())
                || (application.personId().equals(actor.subject()) && !reference.waivesAccess());
        boolean formShown = readsForm && reference.rating() != null;
        List<RatingItemText> items = !formShown ? null : policies.references(application.tenantId())
                .form(reference.formVersion()).items().stream()
                .map(item -> new RatingItemText(item.id(), item.textIn(actor.language() == null ? "en"
                        : actor.language()))).toList();
        return new RaterView(reference.referenceId(), reference.raterName(), reference.email(),
                reference.relationship(), reference.waivesAccess(), status,
                whyNotCounted == null ? null : whyNotCounted.text(), whyNotCounted, reference.linkExpiresAt(),
                named.completedAt(), named.replacedBy(), formShown ? reference.rating() : null, items);
    }

    private void requireApplicant(String applicationId, Actor actor) {
        ApplicationView application = applications.require(applicationId, actor);
        if (!application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, APPLICANT_ONLY);
        }
    }

    /** Whole seconds, so that the expiry reads back from the database exactly as the event states it. */
    private Instant expiry(References policy) {
        return clock.instant().plus(policy.lifetime()).truncatedTo(ChronoUnit.SECONDS);
    }
}
