package org.iecmh.endorsement.renewal.evidence;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.files.ContentType;
import org.iecmh.endorsement.kit.files.FileStore;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.evidence.EvidenceViews.CycleEvidence;
import org.iecmh.endorsement.renewal.evidence.EvidenceViews.EvidenceItem;
import org.iecmh.endorsement.renewal.evidence.EvidenceViews.OpenAudit;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The evidence of a renewal's hours: the endorsee or a coordinator attaches a file to a year of the cycle (a
 * multipart {@code file}, refused before anything is stored if it breaks a file rule), the endorsee and the
 * association's staff list and download them (each download checked against the SHA-256 the history recorded), and a
 * coordinator accepts or returns each item of a sampled renewal and lists the audits that are open.
 */
@RestController
class EvidenceResource {

    record ReturnRequest(@NotBlank @Size(max = 4000)
                         @Schema(example = "The certificate does not show the hours; attach the one with the hours")
                         String reason) {
    }

    private static final Logger log = LoggerFactory.getLogger(EvidenceResource.class);
    private static final String PATH = "/api/endorsements/{endorsementNumber}/evidence";
    private static final String COORDINATOR_ONLY = "Only a coordinator judges the evidence of a renewal";

    private final EndorsementFile views;
    private final EvidenceViews evidence;
    private final EvidenceFiles files;
    private final EvidenceLimits limits;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    EvidenceResource(EndorsementFile views, EvidenceViews evidence, EvidenceFiles files, EvidenceLimits limits,
                     CommandGateway commands, TenantPolicies policies, Clock clock) {
        this.views = views;
        this.evidence = evidence;
        this.files = files;
        this.limits = limits;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Stores the file, sealed, in the part of the store of the association that holds the endorsement, then records
     * it. A copy that ends up recorded nowhere (the command refused, or the same request came first) is removed.
     */
    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE, Role.COORDINATOR},
            refusal = "Only the endorsee or a coordinator attaches evidence")
    EvidenceItem attach(@PathVariable String endorsementNumber, @RequestParam("file") MultipartFile file,
                        @RequestParam("year") int year,
                        @RequestParam(value = "replaces", required = false) String replaces,
                        @RequestHeader(value = IdempotencyKey.HEADER, required = false) String idempotencyKey,
                        Actor actor) {
        FileStore store = files.store();
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        Actor acting = views.actingOn(endorsement, actor);
        byte[] bytes = bytes(file);
        ContentType type = files.rules().check("file", file.getOriginalFilename(), file.getContentType(), bytes);
        String tenant = endorsement.tenantId();
        String attachmentId = IdempotencyKey.id(idempotencyKey, tenant, endorsementNumber, "evidence");
        String objectKey = "endorsements/" + endorsementNumber + "/evidence/" + UUID.randomUUID();
        StoredFile stored = store.put(tenant, objectKey, bytes, type.mediaType());
        String kept;
        try {
            kept = commands.sendAndWait(new AttachEvidence(endorsementNumber, attachmentId, year,
                    EvidenceFiles.fileName(file.getOriginalFilename()), stored, tenant, blankToNull(replaces),
                    acting.subject(), limits.maxCycleSize().toBytes(),
                    policies.policy(tenant, endorsement.validThrough())), acting.metaData());
        } catch (RuntimeException refused) {
            remove(store, tenant, objectKey);
            throw refused;
        }
        if (!objectKey.equals(kept)) {
            remove(store, tenant, objectKey);
        }
        return evidence.item(endorsementNumber, attachmentId)
                .orElseThrow(() -> new UnknownResource("evidence", attachmentId));
    }

    /** The evidence of the current cycle, and its audit if the renewal was sampled. */
    @GetMapping(PATH)
    CycleEvidence list(@PathVariable String endorsementNumber, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        return evidence.of(endorsementNumber, endorsement.validThrough());
    }

    /** The file, once the store showed it is the one recorded: its SHA-256 travels along as {@code Repr-Digest}. */
    @GetMapping(PATH + "/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable String endorsementNumber, @PathVariable String attachmentId,
                                    Actor actor) {
        FileStore store = files.store();
        views.require(endorsementNumber, actor);
        EvidenceViews.Kept kept = evidence.kept(endorsementNumber, attachmentId)
                .orElseThrow(() -> new UnknownResource("evidence", attachmentId));
        byte[] bytes = store.get(kept.storedIn(), kept.file());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(kept.file().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(kept.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                        .encodeToString(HexFormat.of().parseHex(kept.file().sha256())) + ":")
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes);
    }

    @PostMapping(PATH + "/{attachmentId}/acceptance")
    @AllowedRoles(value = Role.COORDINATOR, refusal = COORDINATOR_ONLY)
    EvidenceItem accept(@PathVariable String endorsementNumber, @PathVariable String attachmentId, Actor actor) {
        EndorsementView endorsement = views.require(endorsementNumber, actor);
        commands.sendAndWait(new AcceptEvidence(endorsementNumber, attachmentId,
                policies.today(endorsement.tenantId(), clock)), actor.metaData());
        return evidence.item(endorsementNumber, attachmentId)
                .orElseThrow(() -> new UnknownResource("evidence", attachmentId));
    }

    @PostMapping(PATH + "/{attachmentId}/return")
    @AllowedRoles(value = Role.COORDINATOR, refusal = COORDINATOR_ONLY)
    EvidenceItem giveBack(@PathVariable String endorsementNumber, @PathVariable String attachmentId,
                          @Valid @RequestBody ReturnRequest request, Actor actor) {
        views.require(endorsementNumber, actor);
        commands.sendAndWait(new ReturnEvidence(endorsementNumber, attachmentId, request.reason()), actor.metaData());
        return evidence.item(endorsementNumber, attachmentId)
                .orElseThrow(() -> new UnknownResource("evidence", attachmentId));
    }

    /** The association's renewal audits that are still open, oldest draw first. */
    @GetMapping("/api/endorsements/renewal-audits")
    @AllowedRoles(value = {Role.COORDINATOR, Role.AUDITOR},
            refusal = "Only the association's coordinators and auditors see its renewal audits")
    List<OpenAudit> openAudits(Actor actor) {
        return evidence.openIn(actor.tenantId());
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The uploaded file could not be read", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A copy recorded nowhere; one left behind (the store unreachable now) is only unused space. */
    private static void remove(FileStore store, String tenant, String objectKey) {
        try {
            store.delete(tenant, objectKey);
        } catch (RuntimeException e) {
            log.warn("Could not remove {} of {}, which no event records: {}", objectKey, tenant, e.toString());
        }
    }
}
