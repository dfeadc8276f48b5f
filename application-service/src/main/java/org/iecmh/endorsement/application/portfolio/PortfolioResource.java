package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.CompetencyDomain;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Degree;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.Population;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.SupervisionFormat;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry.WorkActivity;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.time.DateRange;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The applicant's portfolio, one tab per kind of entry; only the applicant changes it, while it is a draft. */
@RestController
@RequestMapping("/api/applications/{applicationId}/portfolio")
class PortfolioResource {

    /** A request for one kind of entry; its dates must lie in their ranges (1900 to the association's today). */
    interface EntryRequest {
        PortfolioEntry entry(LocalDate today);
    }

    record EducationRequest(@NotNull @Schema(example = "MASTER") Degree degree,
                            @NotBlank @Size(max = 200) @Schema(example = "Social work") String field,
                            @NotBlank @Size(max = 200) @Schema(example = "Boston University") String institution,
                            @Min(1950) @Max(2100) @Schema(example = "2016") int year) implements EntryRequest {
        @Override
        public PortfolioEntry entry(LocalDate today) {
            return new PortfolioEntry.Education(degree, field.strip(), institution.strip(), year);
        }
    }

    record WorkRequest(@NotBlank @Size(max = 200) @Schema(example = "Home visitor") String role,
                       @NotBlank @Size(max = 200) @Schema(example = "Early Head Start") String employer,
                       @NotNull @Schema(example = "2019-09-01") LocalDate startedOn,
                       @Schema(description = "Empty while the position lasts; a planned end may lie ahead")
                       LocalDate endedOn,
                       @Min(1) @Max(80) @Schema(example = "40") int hoursPerWeek,
                       @Schema(example = "true") boolean paid,
                       @NotEmpty @Schema(example = "[\"PRENATAL\", \"INFANTS\", \"FAMILIES\"]")
                       Set<Population> populations,
                       @Schema(description = "What the work involved, for Mentors: providing reflective supervision "
                               + "(clinical) or leadership (policy, research/faculty)",
                               example = "[\"PROVIDING_RSC\"]") Set<WorkActivity> activities)
            implements EntryRequest {
        @Override
        public PortfolioEntry entry(LocalDate today) {
            DateRange.Check.past("startedOn", startedOn, today);
            DateRange.Check.ahead("endedOn", endedOn, DateRange.EARLIEST, today);
            DateRange.Check.endNotBeforeStart("endedOn", startedOn, endedOn);
            return new PortfolioEntry.WorkExperience(role.strip(), employer.strip(), startedOn, endedOn, hoursPerWeek,
                    paid, Set.copyOf(populations), activities == null ? Set.of() : Set.copyOf(activities));
        }
    }

    record TrainingRequest(@NotBlank @Size(max = 300) @Schema(example = "Reflective practice") String title,
                           @NotBlank @Size(max = 200) @Schema(example = "MassAIMH") String provider,
                           @NotNull @Schema(example = "2024-05-01") LocalDate attendedOn,
                           @NotNull @DecimalMin(value = "0.5") @DecimalMax("200") @Digits(integer = 3, fraction = 1)
                           @Schema(example = "18.5") BigDecimal hours,
                           @NotEmpty @Schema(example = "[\"REFLECTION\", \"THINKING\"]") Set<CompetencyDomain> domains)
            implements EntryRequest {
        @Override
        public PortfolioEntry entry(LocalDate today) {
            DateRange.Check.past("attendedOn", attendedOn, today);
            return new PortfolioEntry.Training(title.strip(), provider.strip(), attendedOn, hours, Set.copyOf(domains));
        }
    }

    record SupervisionRequest(@NotNull @Schema(example = "2026-06-01") LocalDate heldOn,
                              @NotNull @DecimalMin(value = "0.5") @DecimalMax("12") @Digits(integer = 2, fraction = 1)
                              @Schema(example = "1.5") BigDecimal hours,
                              @NotNull @Schema(example = "INDIVIDUAL") SupervisionFormat format,
                              @NotBlank @Size(max = 32) @Schema(example = "MA-000009") String providerEndorsementNumber,
                              @Schema(description = "The session was about the reflective supervision the applicant "
                                      + "provides", example = "false") Boolean aboutProvidingRsc)
            implements EntryRequest {
        @Override
        public PortfolioEntry entry(LocalDate today) {
            DateRange.Check.past("heldOn", heldOn, today);
            return new PortfolioEntry.ReflectiveSupervision(heldOn, hours, format, providerEndorsementNumber.strip(),
                    Boolean.TRUE.equals(aboutProvidingRsc));
        }
    }

    /**
     * {@code supervisionConfirmation}: for a supervision session, whether its provider confirmed it as logged
     * (CONFIRMED), corrected it (CORRECTED) or is asked and has not answered (REQUESTED); left out otherwise.
     */
    record Entry(String entryId, PortfolioEntry entry,
                 @JsonInclude(JsonInclude.Include.NON_NULL) SupervisionViews.Status supervisionConfirmation) {
        Entry(String entryId, PortfolioEntry entry) {
            this(entryId, entry, null);
        }
    }

    private static final String OWNER_ONLY = "Only the applicant changes the portfolio";

    private final CommandGateway commands;
    private final CaseFile caseFile;
    private final PortfolioViews portfolios;
    private final SupervisionViews supervision;

    private final TenantPolicies policies;
    private final Clock clock;

    PortfolioResource(CommandGateway commands, CaseFile caseFile, PortfolioViews portfolios,
                      SupervisionViews supervision, TenantPolicies policies, Clock clock) {
        this.commands = commands;
        this.caseFile = caseFile;
        this.portfolios = portfolios;
        this.supervision = supervision;
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping
    List<Entry> portfolio(@PathVariable String applicationId, Actor actor) {
        caseFile.require(applicationId, actor);
        Map<String, SupervisionViews.Status> confirmed = supervision.statusByEntry(applicationId);
        return portfolios.portfolio(applicationId).entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue(), confirmed.get(e.getKey()))).toList();
    }

    @PostMapping("/education")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry education(@PathVariable String applicationId, @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                    @Size(min = 1, max = 100) String idempotencyKey, @Valid @RequestBody EducationRequest request,
                    Actor actor) {
        return record(applicationId, idempotencyKey, request, actor);
    }

    @PostMapping("/work")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry work(@PathVariable String applicationId, @RequestHeader(value = IdempotencyKey.HEADER, required = false)
               @Size(min = 1, max = 100) String idempotencyKey, @Valid @RequestBody WorkRequest request, Actor actor) {
        return record(applicationId, idempotencyKey, request, actor);
    }

    @PostMapping("/trainings")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry training(@PathVariable String applicationId, @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                   @Size(min = 1, max = 100) String idempotencyKey, @Valid @RequestBody TrainingRequest request,
                   Actor actor) {
        return record(applicationId, idempotencyKey, request, actor);
    }

    @PostMapping("/supervision")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry supervision(@PathVariable String applicationId, @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                      @Size(min = 1, max = 100) String idempotencyKey, @Valid @RequestBody SupervisionRequest request,
                      Actor actor) {
        return record(applicationId, idempotencyKey, request, actor);
    }

    @PutMapping("/education/{entryId}")
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry correctEducation(@PathVariable String applicationId, @PathVariable String entryId,
                           @Valid @RequestBody EducationRequest request, Actor actor) {
        return correct(applicationId, entryId, request, actor);
    }

    @PutMapping("/work/{entryId}")
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry correctWork(@PathVariable String applicationId, @PathVariable String entryId,
                      @Valid @RequestBody WorkRequest request, Actor actor) {
        return correct(applicationId, entryId, request, actor);
    }

    @PutMapping("/trainings/{entryId}")
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry correctTraining(@PathVariable String applicationId, @PathVariable String entryId,
                          @Valid @RequestBody TrainingRequest request, Actor actor) {
        return correct(applicationId, entryId, request, actor);
    }

    @PutMapping("/supervision/{entryId}")
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    Entry correctSupervision(@PathVariable String applicationId, @PathVariable String entryId,
                             @Valid @RequestBody SupervisionRequest request, Actor actor) {
        return correct(applicationId, entryId, request, actor);
    }

    @DeleteMapping("/{entryId}")
    @AllowedRoles(value = Role.APPLICANT, refusal = OWNER_ONLY)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String applicationId, @PathVariable String entryId, Actor actor) {
        requireOwner(applicationId, actor);
        commands.sendAndWait(new RemovePortfolioEntry(applicationId, entryId), actor.metaData());
    }

    /** Dates are judged against the association's today, after the caller is known to own the application. */
    private PortfolioEntry entry(EntryRequest request, Actor actor) {
        return request.entry(policies.today(actor.tenantId(), clock));
    }

    /**
     * With an {@code Idempotency-Key} the key names the entry: the same entry sent again under it (its answer lost, or
     * still on its way) is recorded once, and answered the same.
     */
    private Entry record(String applicationId, String idempotencyKey, EntryRequest request, Actor actor) {
        requireOwner(applicationId, actor);
        PortfolioEntry entry = entry(request, actor);
        String entryId = IdempotencyKey.id(idempotencyKey, applicationId);
        try {
            commands.sendAndWait(new RecordPortfolioEntry(applicationId, entryId, entry), actor.metaData());
        } catch (ConcurrencyException raced) {
            if (idempotencyKey == null) {
                throw raced;
            }
            // The same key's first request stored it meanwhile: recorded again, the entry changes nothing.
            commands.sendAndWait(new RecordPortfolioEntry(applicationId, entryId, entry), actor.metaData());
        }
        return new Entry(entryId, entry);
    }

    private Entry correct(String applicationId, String entryId, EntryRequest request, Actor actor) {
        requireOwner(applicationId, actor);
        PortfolioEntry entry = entry(request, actor);
        commands.sendAndWait(new CorrectPortfolioEntry(applicationId, entryId, entry), actor.metaData());
        return new Entry(entryId, entry);
    }

    private void requireOwner(String applicationId, Actor actor) {
        ApplicationView application = caseFile.require(applicationId, actor);
        if (!application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, OWNER_ONLY);
        }
    }
}
