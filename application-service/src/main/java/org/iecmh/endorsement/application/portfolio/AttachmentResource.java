package org.iecmh.endorsement.application.portfolio;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.contracts.association.EvidenceVersion;
import org.iecmh.endorsement.kit.files.ContentType;
import org.iecmh.endorsement.kit.files.FileRules;
import org.iecmh.endorsement.kit.files.FileStore;
import org.iecmh.endorsement.kit.files.FilesNotConfigured;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.IdempotencyKey;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The evidence attached to portfolio entries: the applicant, or the association's coordinator, sends a file (a PDF or
 * a picture) for an entry; the owner, the association's staff and the application's assigned reviewers list and read
 * them. What a file is comes from its bytes ({@link FileRules}); its bytes are served only once the store shows they
 * are those the event recorded. Without a file store (no bucket configured) every request answers 503.
 */
@RestController
@RequestMapping("/api/applications/{applicationId}/portfolio")
class AttachmentResource {

    private static final Logger log = LoggerFactory.getLogger(AttachmentResource.class);
    private static final String ATTACHERS = "Only the applicant and the association's coordinator attach files";
    private static final int MAX_FILE_NAME = 200;

    private final CommandGateway commands;
    private final CaseFile caseFile;
    private final AttachmentViews attachments;
    private final TenantPolicies policies;
    private final ObjectProvider<FileStore> fileStore;
    private final ObjectProvider<FileRules> fileRules;
    private final Clock clock;

    AttachmentResource(CommandGateway commands, CaseFile caseFile, AttachmentViews attachments,
                       TenantPolicies policies, ObjectProvider<FileStore> fileStore,
                       ObjectProvider<FileRules> fileRules, Clock clock) {
        this.commands = commands;
        this.caseFile = caseFile;
        this.attachments = attachments;
        this.policies = policies;
        this.fileStore = fileStore;
        this.fileRules = fileRules;
        this.clock = clock;
    }

    @PostMapping(path = "/{entryId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @AllowedRoles(value = {Role.APPLICANT, Role.COORDINATOR}, refusal = ATTACHERS)
    @Operation(summary = "Attaches a file (part \"file\": a PDF or a picture, within the association's limits) to a "
            + "portfolio entry. The same file sent again (or under the same Idempotency-Key) is attached once.")
    AttachmentViews.AttachmentView attach(@PathVariable String applicationId, @PathVariable String entryId,
                                          @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                                          @Size(min = 1, max = 100) String idempotencyKey,
                                          @RequestPart("file") MultipartFile file, Actor actor) {
        FileStore store = store();
        ApplicationView application = caseFile.require(applicationId, actor);
        boolean byStaff = actor.hasRole(Role.COORDINATOR);
        if (!byStaff && !application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, ATTACHERS);
        }
        EvidenceVersion limits = policies.tenant(actor.tenantId()).evidenceOn(policies.today(actor.tenantId(), clock));
        FileRules service = fileRules.getObject();
        FileRules rules = new FileRules(Math.min(limits.fileLimit(), service.maxBytes()), service.allowed());
        rules.checkSize("file", file.getSize());
        byte[] bytes = bytes(file);
        String fileName = fileName(file.getOriginalFilename());
        ContentType type = rules.check("file", fileName, file.getContentType(), bytes);
        String sha256 = FileStore.sha256(bytes);
        // Without a key, the file itself names the attachment: the same bytes sent again to the entry are found.
        String attachmentId = IdempotencyKey.id(idempotencyKey != null ? idempotencyKey : "sha256:" + sha256,
                applicationId, entryId);
        var existing = attachments.find(applicationId, attachmentId);
        if (existing.isPresent() && existing.get().sha256().equals(sha256)) {
            return existing.get();
        }
        // The object's key names the bytes, so a refused request never overwrites a file another request attached.
        String objectKey = "applications/" + applicationId + "/" + attachmentId + "/" + sha256;
        StoredFile stored = store.put(actor.tenantId(), objectKey, bytes, type.mediaType());
        AttachFile command = new AttachFile(applicationId, attachmentId, entryId, fileName, stored,
                limits.applicationLimit(), byStaff);
        try {
            try {
                commands.sendAndWait(command, actor.metaData());
            } catch (ConcurrencyException raced) {
                // Another change to the application came first: this one is decided again on what it stored.
                commands.sendAndWait(command, actor.metaData());
            }
        } catch (RuntimeException refused) {
            if (!attachments.records(objectKey)) {
                store.delete(actor.tenantId(), objectKey);
            }
            throw refused;
        }
        return attachments.find(applicationId, attachmentId).orElseThrow(() -> new IllegalStateException(
                "Attachment " + attachmentId + " is not in the read model after its command"));
    }

    @GetMapping("/attachments")
    @Operation(summary = "The files attached to the application's entries: the owner, the association's staff and the "
            + "application's assigned reviewers")
    List<AttachmentViews.AttachmentView> list(@PathVariable String applicationId, Actor actor) {
        caseFile.requireEvidence(applicationId, actor);
        return attachments.ofApplication(applicationId);
    }

    @GetMapping("/attachments/{attachmentId}")
    @Operation(summary = "The attached file's bytes, once the store shows they are those recorded (SHA-256); a file "
            + "that is not answers 502 and nothing of it is served")
    ResponseEntity<byte[]> download(@PathVariable String applicationId, @PathVariable String attachmentId,
                                    Actor actor) {
        FileStore store = store();
        caseFile.requireEvidence(applicationId, actor);
        AttachmentViews.AttachmentView attachment = attachments.find(applicationId, attachmentId)
                .orElseThrow(() -> new UnknownResource("attachment", attachmentId));
        StoredFile file = attachments.storedFile(applicationId, attachmentId)
                .orElseThrow(() -> new UnknownResource("attachment", attachmentId));
        byte[] bytes = store.get(actor.tenantId(), file);
        log.info("Attachment {} of application {} read by {} ({})", attachmentId, applicationId, actor.subject(),
                actor.role());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .contentLength(bytes.length)
                .eTag("\"" + attachment.sha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes);
    }

    @DeleteMapping("/attachments/{attachmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AllowedRoles(value = {Role.APPLICANT, Role.COORDINATOR}, refusal = ATTACHERS)
    void remove(@PathVariable String applicationId, @PathVariable String attachmentId, Actor actor) {
        store();
        ApplicationView application = caseFile.require(applicationId, actor);
        boolean byStaff = actor.hasRole(Role.COORDINATOR);
        if (!byStaff && !application.personId().equals(actor.subject())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, ATTACHERS);
        }
        commands.sendAndWait(new RemoveAttachment(applicationId, attachmentId, byStaff), actor.metaData());
    }

    private FileStore store() {
        FileStore store = fileStore.getIfAvailable();
        if (store == null) {
            throw new FilesNotConfigured();
        }
        return store;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }

    /** The name without any path a browser sent along, at most {@value #MAX_FILE_NAME} characters. */
    private static String fileName(String sent) {
        String name = sent == null ? "" : sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1)
                .strip().replaceAll("\\p{Cntrl}", "");
        if (name.isEmpty()) {
            return "file";
        }
        return name.length() <= MAX_FILE_NAME ? name : name.substring(name.length() - MAX_FILE_NAME);
    }
}
