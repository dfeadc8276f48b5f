package org.iecmh.endorsement.application.portfolio;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.kit.time.DateRange;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.RequestIdFilter;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.slf4j.MDC;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sessions a provider is asked to confirm, for the bearer of the provider's link: no account, no token. The link
 * acts in the application's association only, for its one request; what it records names
 * {@code supervisor:<confirmationId>}. It works once, until it expires.
 */
@RestController
@RequestMapping("/api/supervision-confirmations/{token}")
class SupervisionFormResource {

    /** A session as the applicant logged it. */
    record Session(String entryId, LocalDate heldOn, BigDecimal hours, String format) {
    }

    /** What the provider sees: who asks, and the sessions logged with them. */
    record Form(String applicantName, String association, String providerName, String providerEndorsementNumber,
                Instant linkExpiresAt, List<Session> sessions) {
    }

    /** A session as the provider states it; one stated as logged is no correction. */
    record SessionRequest(@NotBlank @Size(max = 64) String entryId,
                          @NotNull @Schema(example = "2026-06-01") LocalDate heldOn,
                          @NotNull @DecimalMin("0.5") @DecimalMax("12") @Digits(integer = 2, fraction = 1)
                          @Schema(example = "1.5") BigDecimal hours,
                          @Size(max = 1000) @Schema(example = "The session lasted an hour") String note) {
    }

    /** The answer: none or no {@code sessions} confirms every session as logged. */
    record AnswerRequest(@Valid @Size(max = 200) List<SessionRequest> sessions) {
    }

    record Received(String status, String message) {
    }

    private final SupervisionLinks links;
    private final SupervisionViews confirmations;
    private final Portfolios portfolios;
    private final CaseFile caseFile;
    private final TenantPolicies policies;
    private final CommandGateway commands;
    private final Clock clock;

    SupervisionFormResource(SupervisionLinks links, SupervisionViews confirmations, Portfolios portfolios,
                            CaseFile caseFile, TenantPolicies policies, CommandGateway commands, Clock clock) {
        this.links = links;
        this.confirmations = confirmations;
        this.portfolios = portfolios;
        this.caseFile = caseFile;
        this.policies = policies;
        this.commands = commands;
        this.clock = clock;
    }

    @GetMapping
    Form form(@PathVariable String token) {
        Opened opened = open(token);
        Map<String, PortfolioEntry> entries = portfolios.portfolio(opened.confirmation().applicationId());
        List<Session> sessions = opened.confirmation().entryIds().stream()
                .filter(entries::containsKey)
                .map(entryId -> entries.get(entryId) instanceof PortfolioEntry.ReflectiveSupervision s
                        ? new Session(entryId, s.heldOn(), s.hours(), s.format().name()) : null)
                .filter(java.util.Objects::nonNull).toList();
        return new Form(opened.application().applicantName(), policies.tenant(opened.link().tenantId()).name(),
                opened.confirmation().providerName(), opened.confirmation().providerEndorsementNumber(),
                opened.link().expiresAt(), sessions);
    }

    @PostMapping
    Received answer(@PathVariable String token, @Valid @RequestBody(required = false) AnswerRequest request) {
        Opened opened = open(token);
        LocalDate today = policies.today(opened.link().tenantId(), clock);
        List<SessionCorrection> sessions = request == null || request.sessions() == null ? List.of()
                : request.sessions().stream().map(session -> {
                    DateRange.Check.past("sessions.heldOn", session.heldOn(), today);
                    return new SessionCorrection(session.entryId(), session.heldOn(), session.hours(),
                            session.note() == null || session.note().isBlank() ? null : session.note().strip());
                }).toList();
        String correlation = MDC.get(RequestIdFilter.MDC_KEY);
        Actor provider = new Actor(opened.link().tenantId(), "supervisor:" + opened.confirmation().confirmationId(),
                Role.REFERENCE_RATER, correlation == null ? UUID.randomUUID().toString() : correlation);
        commands.sendAndWait(new AnswerSupervisionConfirmation(opened.confirmation().applicationId(),
                opened.confirmation().confirmationId(), sessions, clock.instant()), provider.metaData());
        return new Received("ANSWERED", "Thank you: your answer was recorded.");
    }

    private record Opened(SupervisionLinks.Link link, SupervisionViews.ConfirmationView confirmation,
                          ApplicationView application) {
    }

    /**
     * The link's request, if the link still works: 404 if it never existed or names a request of another association,
     * 410 once answered or expired.
     */
    private Opened open(String token) {
        SupervisionLinks.Link link = links.find(token)
                .orElseThrow(() -> new UnknownResource("supervision confirmation", "for this link"));
        SupervisionViews.ConfirmationView confirmation = confirmations.find(link.confirmationId())
                .filter(found -> found.tenantId().equals(link.tenantId()))
                .orElseThrow(() -> new UnknownResource("supervision confirmation", "for this link"));
        ApplicationView application = caseFile.find(confirmation.applicationId())
                .filter(found -> found.tenantId().equals(link.tenantId()))
                .orElseThrow(() -> new UnknownResource("supervision confirmation", "for this link"));
        if (confirmation.status() != SupervisionViews.Status.REQUESTED) {
            throw new ResourceGone("supervision-link-used", "These sessions were answered already; a link works once");
        }
        if (!clock.instant().isBefore(link.expiresAt())) {
            throw new ResourceGone("supervision-link-expired", "This link expired on " + link.expiresAt()
                    + "; the applicant can ask again");
        }
        return new Opened(link, confirmation, application);
    }
}
