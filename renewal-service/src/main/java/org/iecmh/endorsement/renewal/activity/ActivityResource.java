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
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.time.DateRange;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
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
import java.util.UUID;

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

    private static final String ENDORSEE_ONLY = "Only the endorsee logs their activity";

    private final EndorsementFile views;
    private final PersonsEndorsements endorsements;
    private final ReflectiveSupervisionProviders providers;
    private final ActivityProgress progress;
    private final TenantPolicies policies;
    private final Clock clock;

    ActivityResource(EndorsementFile views, PersonsEndorsements endorsements, ReflectiveSupervisionProviders providers,
                     ActivityProgress progress, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.endorsements = endorsements;
        this.providers = providers;
        this.progress = progress;
        this.policies = policies;
        this.clock = clock;
    }

    @PostMapping("/trainings")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress recordTraining(@PathVariable String endorsementNumber, @Valid @RequestBody TrainingRequest request,
                                 Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        LocalDate today = today(endorsement);
        String entryId = UUID.randomUUID().toString();
        endorsements.sendToEach(endorsement, acting, (number, named) -> new RecordTraining(number, entryId,
                request.title(), request.attendedOn(), request.hours(), request.deiHours(), today));
        return progress(endorsementNumber, actor);
    }

    /** Corrects a logged training, held to the rules of a new one, on each endorsement it was logged on. */
    @PutMapping("/trainings/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress correctTraining(@PathVariable String endorsementNumber, @PathVariable String entryId,
                                  @Valid @RequestBody TrainingRequest request, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        LocalDate today = today(endorsement);
        endorsements.sendToEach(endorsement, acting, (number, named) -> new CorrectTraining(number, entryId,
                request.title(), request.attendedOn(), request.hours(), request.deiHours(), !named, today));
        return progress(endorsementNumber, actor);
    }

    @DeleteMapping("/trainings/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress removeTraining(@PathVariable String endorsementNumber, @PathVariable String entryId, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        endorsements.sendToEach(endorsement, acting, (number, named) ->
                new RemoveTraining(number, entryId, !named));
        return progress(endorsementNumber, actor);
    }

    @PostMapping("/reflective-supervision")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress recordSession(@PathVariable String endorsementNumber, @Valid @RequestBody SessionRequest request,
                                Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        LocalDate today = today(endorsement);
        ReflectiveSupervisionProvider provider = providers.endorsedOn(request.providerNumber(), request.sessionOn());
        String entryId = UUID.randomUUID().toString();
        endorsements.sendToEach(endorsement, acting, (number, named) -> new RecordReflectiveSupervision(
                number, entryId, request.providerNumber(), request.sessionOn(), request.hours(), provider, today));
        return progress(endorsementNumber, actor);
    }

    /** Corrects a logged session; the provider must have been endorsed on the corrected date. */
    @PutMapping("/reflective-supervision/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress correctSession(@PathVariable String endorsementNumber, @PathVariable String entryId,
                                 @Valid @RequestBody SessionRequest request, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        LocalDate today = today(endorsement);
        ReflectiveSupervisionProvider provider = providers.endorsedOn(request.providerNumber(), request.sessionOn());
        endorsements.sendToEach(endorsement, acting, (number, named) -> new CorrectReflectiveSupervision(
                number, entryId, request.providerNumber(), request.sessionOn(), request.hours(), provider, !named,
                today));
        return progress(endorsementNumber, actor);
    }

    @DeleteMapping("/reflective-supervision/{entryId}")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress removeSession(@PathVariable String endorsementNumber, @PathVariable String entryId, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        endorsements.sendToEach(endorsement, acting, (number, named) ->
                new RemoveReflectiveSupervision(number, entryId, !named));
        return progress(endorsementNumber, actor);
    }

    @PostMapping("/code-of-ethics")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    CycleProgress signCodeOfEthics(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        LocalDate today = today(endorsement);
        endorsements.sendToEach(endorsement, acting, (number, named) -> new SignCodeOfEthics(number, today));
        return progress(endorsementNumber, actor);
    }

    /** Per year of the current cycle, what is met and what is missing. */
    @GetMapping("/progress")
    CycleProgress progress(@PathVariable String endorsementNumber, Actor actor) {
        return progress.of(views.require(endorsementNumber, actor));
    }

    /** The association's day, where the endorsement is now. */
    private LocalDate today(EndorsementView endorsement) {
        return policies.today(endorsement.tenantId(), clock);
    }
}
