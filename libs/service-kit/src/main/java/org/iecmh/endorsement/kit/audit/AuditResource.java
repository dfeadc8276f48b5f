package org.iecmh.endorsement.kit.audit;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit API of a service, for each aggregate kind it owns ({@code iecmh.audit.kinds}): histories, past states,
 * chain verification and exports. Auditors and platform admins, and a tenant's admins, read the tenant they act in;
 * an aggregate of another tenant does not exist for them. The exports set their content type on the answer rather
 * than declaring it, so that a refusal can still be a problem document.
 */
@RestController
@Validated
@RequestMapping("/api/audit/{kind}")
class AuditResource {

    private static final String REFUSAL = "Only auditors and administrators read the audit trail";

    private final AuditProperties properties;
    private final AuditTrail trail;
    private final EventChain chain;
    private final PointInTime pointInTime;
    private final AuditExport export;
    private final AuditSigningKey signingKey;
    private final Map<String, LiveView> views;
    private final EventTypes eventTypes;
    private final String service;

    AuditResource(AuditProperties properties, AuditTrail trail, EventChain chain, PointInTime pointInTime,
                  AuditExport export, AuditSigningKey signingKey, List<LiveView> views, EventTypes eventTypes,
                  String service) {
        this.properties = properties;
        this.trail = trail;
        this.chain = chain;
        this.pointInTime = pointInTime;
        this.export = export;
        this.signingKey = signingKey;
        this.views = views.stream().collect(Collectors.toMap(LiveView::kind, Function.identity()));
        this.eventTypes = eventTypes;
        this.service = service;
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/event-types")
    @Operation(summary = "The types of event this kind's records store, by name, sorted: the values of type filters")
    List<String> eventTypes(@PathVariable String kind, Actor actor) {
        return eventTypes.of(authorize(kind, actor));
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/{aggregateId}/events")
    @Operation(summary = "An aggregate's events, oldest first, filtered by time ([from, to)) and type, a page at a time")
    AuditPage events(@PathVariable String kind, @PathVariable String aggregateId,
                     @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                     @RequestParam(required = false) List<String> type,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size, Actor actor) {
        String aggregateType = authorize(kind, actor);
        return trail.events(kind, aggregateType, aggregateId, actor.tenantId(), filter(from, to, type, page, size));
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/people/{personId}/events")
    @Operation(summary = "The events of every aggregate of this kind that names the person, in the order stored")
    AuditPage personEvents(@PathVariable String kind, @PathVariable String personId,
                           @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                           @RequestParam(required = false) List<String> type,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size, Actor actor) {
        String aggregateType = authorize(kind, actor);
        return trail.personEvents(kind, aggregateType, personId, actor.tenantId(),
                filter(from, to, type, page, size));
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/{aggregateId}/state")
    @Operation(summary = "The aggregate as it was at an instant or after a sequence number, replayed from its events")
    AggregateState state(@PathVariable String kind, @PathVariable String aggregateId,
                         @RequestParam(required = false) Instant at,
                         @RequestParam(required = false) @Min(0) Long sequence, Actor actor) {
        String aggregateType = authorize(kind, actor);
        if ((at == null) == (sequence == null)) {
            throw new InvalidRequest(at == null ? "at" : "sequence", "OneOf",
                    "give either at (an instant) or sequence (a sequence number)");
        }
        trail.requireOwned(kind, aggregateType, aggregateId, actor.tenantId());
        LiveView view = views.get(kind);
        if (view == null) {
            throw new UnknownResource("state of", kind);
        }
        PointInTime.Past past = pointInTime.replay(view, aggregateId, () -> trail.stream(aggregateId),
                        event -> at != null ? !event.getTimestamp().isAfter(at) : event.getSequenceNumber() <= sequence)
                .orElseThrow(() -> new UnknownResource(kind + " at that point", aggregateId));
        Object state = past.view().orElseThrow(() -> new UnknownResource(kind + " at that point", aggregateId));
        return new AggregateState(kind, aggregateId, past.last().getSequenceNumber(), past.last().getTimestamp(),
                state);
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/{aggregateId}/verification")
    @Operation(summary = "Recomputes the aggregate's hash chain; names the first broken link")
    ChainVerification verifyStream(@PathVariable String kind, @PathVariable String aggregateId, Actor actor) {
        String aggregateType = authorize(kind, actor);
        trail.requireOwned(kind, aggregateType, aggregateId, actor.tenantId());
        return chain.verifyStream(aggregateId);
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/verification")
    @Operation(summary = "Recomputes the hash chain of every aggregate of this kind in the tenant")
    ChainVerification verifyTenant(@PathVariable String kind, Actor actor) {
        return chain.verifyTenant(actor.tenantId(), authorize(kind, actor));
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/people/{personId}/export")
    @Operation(summary = "The person's complete history as a zip: events.jsonl, the person's files under files/ (each"
            + " checked against its record), manifest.json (SHA-256 per file) and manifest.jws (ES256, keys at"
            + " signing-keys)")
    ResponseEntity<StreamingResponseBody> personExport(@PathVariable String kind, @PathVariable String personId,
                                                       Actor actor) {
        String aggregateType = authorize(kind, actor);
        List<String> aggregates = trail.personAggregates(aggregateType, personId, actor.tenantId());
        if (aggregates.isEmpty()) {
            throw new UnknownResource("person", personId);
        }
        String tenant = actor.tenantId();
        List<AuditExport.ExportedFile> files = export.personFiles(kind, tenant, personId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + kind + "-" + personId.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip\"")
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(out -> export.personBundle(service, kind, aggregates, tenant, personId, files, out));
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/exports")
    @Operation(summary = "The tenant's events of a period as JSON lines, streamed; X-Total-Events announces how many,"
            + " each line's position counts up to it")
    ResponseEntity<StreamingResponseBody> tenantExport(@PathVariable String kind, @RequestParam Instant from,
                                                       @RequestParam Instant to, Actor actor) {
        String aggregateType = authorize(kind, actor);
        if (!from.isBefore(to)) {
            throw new InvalidRequest("to", "After", "must be after from");
        }
        String tenant = actor.tenantId();
        long total = export.countTenantEvents(aggregateType, tenant, from, to);
        return ResponseEntity.ok()
                .header("X-Total-Events", Long.toString(total))
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(out -> export.tenantEvents(aggregateType, tenant, from, to, out));
    }

    @AllowedRoles(value = {Role.AUDITOR, Role.PLATFORM_ADMIN, Role.TENANT_ADMIN}, refusal = REFUSAL)
    @GetMapping("/signing-keys")
    @Operation(summary = "The public keys (JWK set) that check export bundles' signatures")
    Map<String, Object> signingKeys(@PathVariable String kind, Actor actor) {
        authorize(kind, actor);
        return signingKey.publicKeys();
    }

    /** The aggregate type of the kind (the actor's role was checked before the request was read). */
    private String authorize(String kind, Actor actor) {
        String aggregateType = properties.getKinds().get(kind);
        if (aggregateType == null) {
            throw new UnknownResource("audited kind", kind);
        }
        return aggregateType;
    }

    private static HistoryFilter filter(Instant from, Instant to, List<String> types, int page, int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequest("to", "After", "must be after from");
        }
        return new HistoryFilter(from, to, types == null ? Set.of() : new HashSet<>(types), page, size);
    }
}
