package org.iecmh.endorsement.renewal.activity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.time.DateRange;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementView;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementViews;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The endorsee's yearly activity: trainings and reflective supervision (logged, corrected, removed), the code of
 * ethics, and the progress per year.
 */
@RestController
@RequestMapping("/api/endorsements/{endorsementNumber}")
class ActivityResource {

    /** {@code deiHours}: how many of the hours were on diversity, equity and inclusion (all of them for a DEI training). */
    record TrainingRequest(@NotBlank @Size(max = 200) @Schema(example = "Reflective practice") String title,
                           @NotNull @DateRange @Schema(example = "2027-05-01") LocalDate attendedOn,
                           @NotNull @DecimalMin("0.25") @DecimalMax("100") @Schema(example = "6") BigDecimal hours,
                           @DecimalMin("0") @DecimalMax("100") @Schema(example = "2") BigDecimal deiHours) {

        @AssertTrue(message = "must not exceed the training's hours")
        @Schema(hidden = true)
        boolean isDeiHoursWithinHours() {
            return deiHours == null || hours == null || deiHours.compareTo(hours) <= 0;
        }
    }

    /** A provider's number as granted ({@code WA-000003}) or imported from the association's file ({@code WA-L-0042}). */
    record SessionRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,15}-[A-Z0-9][A-Z0-9-]{0,27}")
                          @Schema(example = "WA-000003")
                          String providerNumber,
                          @NotNull @DateRange @Schema(example = "2027-05-01") LocalDate sessionOn,
                          @NotNull @DecimalMin("0.25") @DecimalMax("24") @Schema(example = "1.5") BigDecimal hours) {
    }

    /** Per year of the cycle what is met and what is missing, and every logged entry with its id to correct it by. */
    record CycleProgress(String endorsementNumber, LocalDate validThrough, boolean met,
                         List<YearlyActivityLog.YearProgress> years, List<YearlyActivityLog.Entry> entries) {
    }

    private static final String ENDORSEE_ONLY = "Only the endorsee logs their activity";

    private final EndorsementViews views;
    private final CommandGateway commands;
    private final ReflectiveSupervisionProviders providers;
    private final TenantPolicies policies;
    private final EventStore events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ActivityResource(EndorsementViews views, CommandGateway commands, ReflectiveSupervisionProviders providers,
                     TenantPolicies policies, EventStore events, TransactionTemplate transaction, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.providers = providers;
        this.policies = policies;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    @PostMapping("/trainings")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress recordTraining(@PathVariable String endorsementNumber, @Valid @RequestBody TrainingRequest request,
                                 Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        notInTheFuture(endorsement, request.attendedOn());
        String entryId = UUID.randomUUID().toString();
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(new RecordTraining(number, entryId,
                request.title(), request.attendedOn(), request.hours(), request.deiHours()), acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    /** Corrects a logged training, held to the rules of a new one, on each endorsement it was logged on. */
    @PutMapping("/trainings/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress correctTraining(@PathVariable String endorsementNumber, @PathVariable String entryId,
                                  @Valid @RequestBody TrainingRequest request, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        notInTheFuture(endorsement, request.attendedOn());
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(new CorrectTraining(number, entryId,
                request.title(), request.attendedOn(), request.hours(), request.deiHours(), !named), acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    @DeleteMapping("/trainings/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress removeTraining(@PathVariable String endorsementNumber, @PathVariable String entryId, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(
                new RemoveTraining(number, entryId, !named), acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    @PostMapping("/reflective-supervision")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress recordSession(@PathVariable String endorsementNumber, @Valid @RequestBody SessionRequest request,
                                Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        notInTheFuture(endorsement, request.sessionOn());
        ReflectiveSupervisionProvider provider = providers.endorsedOn(request.providerNumber(), request.sessionOn());
        String entryId = UUID.randomUUID().toString();
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(new RecordReflectiveSupervision(
                number, entryId, request.providerNumber(), request.sessionOn(), request.hours(), provider),
                acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    /** Corrects a logged session; the provider must have been endorsed on the corrected date. */
    @PutMapping("/reflective-supervision/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress correctSession(@PathVariable String endorsementNumber, @PathVariable String entryId,
                                 @Valid @RequestBody SessionRequest request, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        notInTheFuture(endorsement, request.sessionOn());
        ReflectiveSupervisionProvider provider = providers.endorsedOn(request.providerNumber(), request.sessionOn());
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(new CorrectReflectiveSupervision(
                number, entryId, request.providerNumber(), request.sessionOn(), request.hours(), provider, !named),
                acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    @DeleteMapping("/reflective-supervision/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress removeSession(@PathVariable String endorsementNumber, @PathVariable String entryId, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(
                new RemoveReflectiveSupervision(number, entryId, !named), acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    @PostMapping("/code-of-ethics")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress signCodeOfEthics(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        LocalDate today = policies.today(endorsement.tenantId(), clock);
        forEachEndorsementOf(endorsement, (number, named) -> commands.sendAndWait(new SignCodeOfEthics(number, today),
                acting.metaData()));
        return progress(endorsementNumber, actor);
    }

    /** Per year of the current cycle, what is met and what is missing. */
    @GetMapping("/progress")
    CycleProgress progress(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        // Read from the endorsement's own stream (every event, not its snapshot), so the answer is the one the
        // renewal will be judged by.
        YearlyActivityLog log = new YearlyActivityLog();
        Iterator<? extends DomainEventMessage<?>> stream = events.readEvents(endorsementNumber, 0).asStream().iterator();
        while (stream.hasNext()) {
            log.replay(stream.next().getPayload());
        }
        List<YearlyActivityLog.YearProgress> years = log.progress(endorsement.endorsedSince(), endorsement.validThrough(), endorsement.category(),
                policies.policy(endorsement.tenantId(), endorsement.validThrough()));
        return new CycleProgress(endorsementNumber, endorsement.validThrough(),
                years.stream().allMatch(YearlyActivityLog.YearProgress::met), years, log.entries());
    }

    /**
     * Someone endorsed in several categories logs, corrects or removes an activity once: it is recorded on each of
     * their active endorsements in the association (and on this one, whatever its state), all or none. The action is
     * told whether the endorsement is the one the endorsee named.
     */
    private void forEachEndorsementOf(EndorsementView endorsement, BiConsumer<String, Boolean> record) {
        Set<String> numbers = new LinkedHashSet<>();
        numbers.add(endorsement.endorsementNumber());
        numbers.addAll(views.activeEndorsementsOf(endorsement.tenantId(), endorsement.personId()));
        transaction.executeWithoutResult(status -> numbers.forEach(
                number -> record.accept(number, number.equals(endorsement.endorsementNumber()))));
    }

    private void notInTheFuture(EndorsementView endorsement, LocalDate day) {
        if (day.isAfter(policies.today(endorsement.tenantId(), clock))) {
            throw new org.iecmh.endorsement.kit.web.DomainRuleViolation("activity-in-the-future",
                    "Activity is logged once it took place, not before " + day);
        }
    }
}
