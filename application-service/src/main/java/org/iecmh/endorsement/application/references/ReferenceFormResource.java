package org.iecmh.endorsement.application.references;

import org.iecmh.endorsement.contracts.association.References;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.iecmh.endorsement.kit.web.RequestIdFilter;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rating form, for the bearer of a rater's link: no account, no token. The link acts as role REFERENCE_RATER
 * for its one reference, in the application's tenant; what it records names {@code reference:<referenceId>}.
 */
@RestController
@RequestMapping("/api/references/{token}")
class ReferenceFormResource {

    /** What the rater sees: who asks, for what, and the form to fill in. */
    record Form(String applicantName, String association, String category, String categoryTitle, String raterName,
                RaterRelationship relationship, Instant linkExpiresAt, int formVersion, String knownFor,
                List<References.RatingItem> items, List<String> answers) {
    }

    /** The completed form: months the rater has known the applicant, and an answer for every item. */
    record RatingRequest(@NotNull @Min(0) @Max(1200) @Schema(example = "30") Integer knownForMonths,
                         @NotNull @Schema(example = "{\"relationships\": \"5\", \"development\": \"4\", "
                                 + "\"observation\": \"NOT_ENOUGH_INFORMATION\"}") Map<String, String> answers,
                         @Size(max = 4000) @Schema(example = "A thoughtful home visitor.") String comments) {
    }

    record Received(String status, String message) {
    }

    private static final List<String> ANSWERS = List.of("1", "2", "3", "4", "5", Rating.NOT_ENOUGH_INFORMATION);

    private final ReferenceLinks links;
    private final ReferenceViews references;
    private final TenantPolicies policies;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReferenceFormResource(ReferenceLinks links, ReferenceViews references, TenantPolicies policies,
                          CommandGateway commands, JdbcTemplate jdbc, Clock clock) {
        this.links = links;
        this.references = references;
        this.policies = policies;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping
    Form form(@PathVariable String token) {
        Opened opened = open(token);
        Reference reference = opened.named().reference();
        Map<String, Object> application = jdbc.queryForMap(
                "SELECT applicant_name, category FROM application_view WHERE application_id = ?",
                opened.named().applicationId());
        Category category = Category.fromAbbreviation((String) application.get("category"));
        References.RatingForm form = policies.references(opened.link().tenantId()).form(reference.formVersion());
        return new Form((String) application.get("applicant_name"), policies.tenant(opened.link().tenantId()).name(),
                category.abbreviation(), category.title(), reference.raterName(), reference.relationship(),
                opened.link().expiresAt(), form.version(), "How many months have you known the applicant?",
                form.items(), ANSWERS);
    }

    @PostMapping
    Received submit(@PathVariable String token, @Valid @RequestBody RatingRequest request) {
        Opened opened = open(token);
        Reference reference = opened.named().reference();
        References.RatingForm form = policies.references(opened.link().tenantId()).form(reference.formVersion());
        for (References.RatingItem item : form.items()) {
            String answer = request.answers().get(item.id());
            if (answer == null) {
                throw new InvalidRequest("answers." + item.id(), "required", "is not answered");
            }
            if (!Rating.isAnswer(answer)) {
                throw new InvalidRequest("answers." + item.id(), "rating", "must be 1 to 5 or NOT_ENOUGH_INFORMATION");
            }
        }
        for (String answered : request.answers().keySet()) {
            if (form.items().stream().noneMatch(item -> item.id().equals(answered))) {
                throw new InvalidRequest("answers." + answered, "unknown-item", "is not an item of this form");
            }
        }
        String correlation = MDC.get(RequestIdFilter.MDC_KEY);
        Actor rater = new Actor(opened.link().tenantId(), "reference:" + reference.referenceId(), Role.REFERENCE_RATER,
                correlation == null ? UUID.randomUUID().toString() : correlation);
        commands.sendAndWait(new SubmitReference(opened.named().applicationId(), reference.referenceId(),
                new Rating(form.version(), request.knownForMonths(), request.answers(),
                        request.comments() == null || request.comments().isBlank() ? null : request.comments().strip()),
                clock.instant()), rater.metaData());
        return new Received("COMPLETED", "Thank you: your rating was received.");
    }

    private record Opened(ReferenceLinks.Link link, ReferenceViews.Named named) {
    }

    /**
     * The link's reference, if the link still works: 404 if it never existed, 410 once used, replaced, no longer
     * needed (the application ended) or expired.
     */
    private Opened open(String token) {
        ReferenceLinks.Link link = links.find(token)
                .orElseThrow(() -> new UnknownResource("reference", "for this link"));
        ReferenceViews.Named named = references.find(link.referenceId())
                .orElseThrow(() -> new UnknownResource("reference", "for this link"));
        if (named.reference().completed()) {
            throw new ResourceGone("reference-link-used", "This reference has been sent already; a link works once");
        }
        if (named.replacedBy() != null || link.superseded()) {
            throw new ResourceGone("reference-link-replaced", "This link was replaced"
                    + (named.replacedBy() != null ? ": the applicant asked someone else" : " by a newer one"));
        }
        if (ended(link.tenantId(), named.applicationId())) {
            throw new ResourceGone("reference-not-needed", "The application has ended; no rating is needed");
        }
        if (!clock.instant().isBefore(link.expiresAt())) {
            throw new ResourceGone("reference-link-expired", "This link expired on " + link.expiresAt()
                    + "; the applicant can have a new one sent");
        }
        return new Opened(link, named);
    }

    /** Whether the application was granted, denied or withdrawn: its raters' links ask for nothing more. */
    private boolean ended(String tenantId, String applicationId) {
        return ApplicationStatus.valueOf(jdbc.queryForObject("""
                SELECT status FROM application_view WHERE application_id = ? AND tenant_id = ?""", String.class,
                applicationId, tenantId)).isFinal();
    }
}
