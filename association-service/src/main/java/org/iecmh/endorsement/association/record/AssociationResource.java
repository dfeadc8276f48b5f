package org.iecmh.endorsement.association.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.iecmh.endorsement.association.directory.AssociationRecords;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.EvidenceVersion;
import org.iecmh.endorsement.contracts.association.ExamVersion;
import org.iecmh.endorsement.contracts.association.FeeSchedule;
import org.iecmh.endorsement.contracts.association.MembershipVersion;
import org.iecmh.endorsement.contracts.association.References;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.contracts.association.RequirementVersion;
import org.iecmh.endorsement.contracts.association.Versioned;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The associations' records. Anyone may list them; an association's staff read its record, and its admin changes
 * it; a platform admin creates associations and acts on any of them. Anyone else is told the association does not
 * exist.
 */
@RestController
@RequestMapping("/api/associations")
class AssociationResource {

    /**
     * One new version of one policy part: exactly one of the members is given. The same body previews it
     * ({@code policy-previews}) and adds it ({@code policy-versions}).
     */
    record PolicyVersionRequest(FeeSchedule fees, RenewalVersion renewal, RequirementVersion requirements,
                                References.RatingForm referenceForm, ExamVersion exam, MembershipVersion membership,
                                EvidenceVersion evidence) {

        PolicyPart part() {
            return given().keySet().iterator().next();
        }

        Versioned version() {
            return given().values().iterator().next();
        }

        private Map<PolicyPart, Versioned> given() {
            Map<PolicyPart, Versioned> given = new java.util.EnumMap<>(PolicyPart.class);
            put(given, PolicyPart.FEES, fees);
            put(given, PolicyPart.RENEWAL, renewal);
            put(given, PolicyPart.REQUIREMENTS, requirements);
            put(given, PolicyPart.REFERENCE_FORM, referenceForm);
            put(given, PolicyPart.EXAM, exam);
            put(given, PolicyPart.MEMBERSHIP, membership);
            put(given, PolicyPart.EVIDENCE, evidence);
            if (given.size() != 1) {
                throw new InvalidRequest("body", "one-part", "Give exactly one of fees, renewal, requirements, "
                        + "referenceForm, exam, membership, evidence");
            }
            return given;
        }

        private static void put(Map<PolicyPart, Versioned> given, PolicyPart part, Versioned version) {
            if (version != null) {
                given.put(part, version);
            }
        }
    }

    private final CommandGateway commands;
    private final AssociationRecords records;
    private final PolicyHistory history;
    private final Clock clock;
    private final ObjectMapper json;

    AssociationResource(CommandGateway commands, AssociationRecords records, PolicyHistory history, Clock clock,
                        @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.commands = commands;
        this.records = records;
        this.history = history;
        this.clock = clock;
        this.json = json;
    }

    /** Every association: code, name, state, the categories it offers and its languages. Public. */
    @GetMapping
    List<AssociationRecords.Summary> list() {
        return records.summaries();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = "Only a platform admin adds an association")
    Association create(@RequestBody @NotNull Association record, Actor actor) {
        commands.sendAndWait(new CreateAssociation(record.code(), record), inItsTenant(record.code(), actor));
        return require(record.code(), actor);
    }

    @GetMapping("/{code}")
    @AllowedRoles(value = {Role.COORDINATOR, Role.AUDITOR, Role.TENANT_ADMIN, Role.PLATFORM_ADMIN},
            refusal = "Only the association's staff read its record")
    Association get(@PathVariable String code, Actor actor) {
        return require(code, actor);
    }

    @PutMapping("/{code}/profile")
    @AllowedRoles(value = {Role.TENANT_ADMIN, Role.PLATFORM_ADMIN}, refusal = "Only the association's admin changes it")
    Association changeProfile(@PathVariable String code, @RequestBody @NotNull Profile profile, Actor actor) {
        require(code, actor);
        commands.sendAndWait(new ChangeProfile(code, profile), inItsTenant(code, actor));
        return require(code, actor);
    }

    @PostMapping("/{code}/policy-versions")
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = {Role.TENANT_ADMIN, Role.PLATFORM_ADMIN}, refusal = "Only the association's admin changes it")
    Association addPolicyVersion(@PathVariable String code, @RequestBody @NotNull PolicyVersionRequest request,
                                 Actor actor) {
        require(code, actor);
        commands.sendAndWait(new AddPolicyVersion(code, request.part(), request.version(), clock.instant()),
                inItsTenant(code, actor));
        return require(code, actor);
    }

    /** What the version would change and from when; nothing is stored. Refused as adding it would be. */
    @PostMapping("/{code}/policy-previews")
    @AllowedRoles(value = {Role.TENANT_ADMIN, Role.PLATFORM_ADMIN}, refusal = "Only the association's admin changes it")
    PolicyPreview preview(@PathVariable String code, @RequestBody @NotNull PolicyVersionRequest request,
                          Actor actor) {
        Association record = require(code, actor);
        return PolicyPreview.of(record, request.part(), request.version(), record.day(clock.instant()), json);
    }

    /** The record as it was recorded at {@code at}: the association's stream read to that instant. */
    @GetMapping("/{code}/policy")
    @AllowedRoles(value = {Role.COORDINATOR, Role.AUDITOR, Role.TENANT_ADMIN, Role.PLATFORM_ADMIN},
            refusal = "Only the association's staff read its record")
    PolicyHistory.AsRecorded policyAt(@PathVariable String code, @RequestParam Instant at, Actor actor) {
        require(code, actor);
        return history.at(code, at).orElseThrow(() -> new UnknownResource("association", code + " at " + at));
    }

    /**
     * The metadata of a command on {@code code}, sent by {@code actor} once their access was checked: its events
     * belong to the association itself, whichever tenant a platform admin's token named.
     */
    private static MetaData inItsTenant(String code, Actor actor) {
        return actor.metaData().mergedWith(Map.of(AuditMetadata.TENANT, code == null ? actor.tenantId() : code));
    }

    /** The record, if the actor may see it; to anyone else it does not exist. */
    private Association require(String code, Actor actor) {
        return records.find(code).filter(found -> AssociationAccess.mayRead(actor.role(), actor.tenantId(), code))
                .orElseThrow(() -> new UnknownResource("association", code));
    }
}
