package org.iecmh.endorsement.application.portfolio;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.application.casefile.CaseFacts;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.iecmh.endorsement.kit.web.UnknownResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The application's portfolio (a member of the Application aggregate): its entries, changed while a draft; the files
 * attached to them (the evidence); and the requests to supervision providers to confirm the sessions logged with them.
 */
public class Portfolio {

    static final String ATTACHMENT_EXISTS = "attachment-exists";
    static final String APPLICATION_FILES_TOO_LARGE = "application-files-too-large";

    /** The root's facts; not part of a snapshot, handed over again whenever the root is made. */
    private transient CaseFacts application;
    private final Map<String, PortfolioEntry> entries = new LinkedHashMap<>();
    private final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private final Map<String, SupervisionConfirmation> confirmations = new LinkedHashMap<>();

    public Portfolio(CaseFacts application) {
        this.application = application;
    }

    /** For Jackson only, which fills in a snapshot's portfolio in place. */
    Portfolio() {
    }

    public Collection<PortfolioEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** Idempotent by nature: the same entry recorded again under its id changes nothing. */
    @CommandHandler
    void handle(RecordPortfolioEntry command) {
        application.requireDraft();
        PortfolioEntry existing = entries.get(command.entryId());
        if (command.entry().equals(existing)) {
            return;
        }
        if (existing != null) {
            throw new DomainRuleViolation("portfolio-entry-exists", "Entry " + command.entryId() + " exists already");
        }
        apply(new PortfolioEntryRecorded(application.applicationId(), command.entryId(), command.entry()));
    }

    @CommandHandler
    void handle(CorrectPortfolioEntry command) {
        application.requireDraft();
        PortfolioEntry existing = requireEntry(command.entryId());
        if (!existing.getClass().equals(command.entry().getClass())) {
            throw new DomainRuleViolation("portfolio-entry-kind",
                    "Entry " + command.entryId() + " is a different kind of entry");
        }
        if (!existing.equals(command.entry())) {
            apply(new PortfolioEntryCorrected(application.applicationId(), command.entryId(), command.entry()));
        }
    }

    /** The entry's attachments go with it. */
    @CommandHandler
    void handle(RemovePortfolioEntry command) {
        application.requireDraft();
        requireEntry(command.entryId());
        List<String> attached = attachments.values().stream()
                .filter(attachment -> attachment.entryId().equals(command.entryId()))
                .map(Attachment::attachmentId).toList();
        attached.forEach(attachmentId -> apply(new AttachmentRemoved(application.applicationId(),
                application.tenantId(), attachmentId)));
        apply(new PortfolioEntryRemoved(application.applicationId(), application.tenantId(), command.entryId()));
    }

    /**
     * Idempotent: the same file under the same attachment id changes nothing (a request sent again). The applicant
     * attaches while the portfolio is theirs to change, the association's staff until the decision; the application's
     * files together stay within the association's limit.
     */
    @CommandHandler
    Attachment handle(AttachFile command) {
        Attachment existing = attachments.get(command.attachmentId());
        if (existing != null) {
            if (existing.entryId().equals(command.entryId())
                    && existing.file().sha256().equals(command.file().sha256())) {
                return existing;
            }
            throw new DomainRuleViolation(ATTACHMENT_EXISTS, "Attachment " + command.attachmentId()
                    + " exists already with another file; send a new file under a new Idempotency-Key");
        }
        if (command.byStaff()) {
            application.requireOpen();
        } else {
            application.requireDraft();
        }
        requireEntry(command.entryId());
        long held = attachments.values().stream().mapToLong(attachment -> attachment.file().size()).sum();
        if (held + command.file().size() > command.applicationLimit()) {
            throw new DomainRuleViolation(APPLICATION_FILES_TOO_LARGE, "The application's files would come to "
                    + (held + command.file().size()) + " bytes, more than the " + command.applicationLimit()
                    + " the association allows", Map.of("field", "file"));
        }
        Attachment attachment = new Attachment(command.attachmentId(), command.entryId(), command.fileName(),
                command.file());
        apply(new FileAttached(application.applicationId(), application.tenantId(), attachment.attachmentId(),
                attachment.entryId(), attachment.fileName(), attachment.file()));
        return attachment;
    }

    @CommandHandler
    void handle(RemoveAttachment command) {
        if (command.byStaff()) {
            application.requireOpen();
        } else {
            application.requireDraft();
        }
        if (!attachments.containsKey(command.attachmentId())) {
            throw new UnknownResource("attachment", command.attachmentId());
        }
        apply(new AttachmentRemoved(application.applicationId(), application.tenantId(), command.attachmentId()));
    }

    /**
     * The request covers every supervision session the portfolio logs with the provider now; sent again under its
     * id (the same Idempotency-Key), it changes nothing.
     */
    @CommandHandler
    void handle(AskSupervisionConfirmation command) {
        application.requireOpen();
        if (confirmations.containsKey(command.confirmationId())) {
            return;
        }
        List<String> sessions = entries.entrySet().stream()
                .filter(entry -> entry.getValue() instanceof PortfolioEntry.ReflectiveSupervision supervision
                        && supervision.providerEndorsementNumber().equalsIgnoreCase(
                        command.providerEndorsementNumber()))
                .map(Map.Entry::getKey).toList();
        if (sessions.isEmpty()) {
            throw new DomainRuleViolation("no-sessions-with-provider", "The portfolio logs no supervision session "
                    + "with provider " + command.providerEndorsementNumber());
        }
        apply(new SupervisionConfirmationRequested(application.applicationId(), application.tenantId(),
                command.confirmationId(), command.providerEndorsementNumber(), command.providerName(),
                command.providerEmail(), sessions, command.linkExpiresAt()));
    }

    /** A link works once, until it expires, and only for the sessions it was sent about. */
    @CommandHandler
    void handle(AnswerSupervisionConfirmation command) {
        SupervisionConfirmation confirmation = confirmations.get(command.confirmationId());
        if (confirmation == null) {
            throw new UnknownResource("supervision confirmation", command.confirmationId());
        }
        if (confirmation.answered()) {
            throw new ResourceGone("supervision-link-used", "These sessions were answered already; a link works once");
        }
        if (!command.answeredAt().isBefore(confirmation.linkExpiresAt())) {
            throw new ResourceGone("supervision-link-expired", "This link expired on "
                    + confirmation.linkExpiresAt() + "; the applicant can ask again");
        }
        if (application.status().isFinal()) {
            throw new ResourceGone("supervision-link-expired", "The application was decided; no answer is needed");
        }
        List<SessionCorrection> corrections = new ArrayList<>();
        for (SessionCorrection session : command.sessions()) {
            if (!confirmation.entryIds().contains(session.entryId())) {
                throw new DomainRuleViolation("session-not-asked", "Session " + session.entryId()
                        + " is not one of those this link asks about", Map.of("field", "sessions"));
            }
            PortfolioEntry logged = entries.get(session.entryId());
            if (!(logged instanceof PortfolioEntry.ReflectiveSupervision supervision)
                    || !supervision.heldOn().equals(session.heldOn())
                    || supervision.hours().compareTo(session.hours()) != 0) {
                corrections.add(session);
            }
        }
        apply(new SupervisionConfirmed(application.applicationId(), application.tenantId(),
                command.confirmationId(), confirmation.providerEndorsementNumber(), confirmation.entryIds(),
                corrections));
    }

    private PortfolioEntry requireEntry(String entryId) {
        PortfolioEntry existing = entries.get(entryId);
        if (existing == null) {
            throw new UnknownResource("portfolio entry", entryId);
        }
        return existing;
    }

    @EventSourcingHandler
    void on(PortfolioEntryRecorded event) {
        entries.put(event.entryId(), event.entry());
    }

    @EventSourcingHandler
    void on(PortfolioEntryCorrected event) {
        entries.put(event.entryId(), event.entry());
    }

    @EventSourcingHandler
    void on(PortfolioEntryRemoved event) {
        entries.remove(event.entryId());
    }

    @EventSourcingHandler
    void on(FileAttached event) {
        attachments.put(event.attachmentId(), new Attachment(event.attachmentId(), event.entryId(), event.fileName(),
                event.file()));
    }

    @EventSourcingHandler
    void on(AttachmentRemoved event) {
        attachments.remove(event.attachmentId());
    }

    @EventSourcingHandler
    void on(SupervisionConfirmationRequested event) {
        confirmations.put(event.confirmationId(), new SupervisionConfirmation(event.confirmationId(),
                event.providerEndorsementNumber(), event.providerName(), event.providerEmail(), event.entryIds(),
                event.linkExpiresAt(), false));
    }

    @EventSourcingHandler
    void on(SupervisionConfirmed event) {
        confirmations.computeIfPresent(event.confirmationId(), (id, confirmation) -> confirmation.withAnswer());
    }
}
