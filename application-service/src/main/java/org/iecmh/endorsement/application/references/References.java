package org.iecmh.endorsement.application.references;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.application.casefile.CaseFacts;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.ResourceGone;
import org.iecmh.endorsement.kit.web.UnknownResource;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The application's references (a member of the Application aggregate): the raters named, by reference id, and the
 * ids of those replaced, whose links no longer work.
 */
public class References {

    /** The root's facts; not part of a snapshot, handed over again whenever the root is made. */
    private transient CaseFacts application;
    private final Map<String, Reference> raters = new LinkedHashMap<>();
    private final Set<String> replaced = new HashSet<>();

    public References(CaseFacts application) {
        this.application = application;
    }

    /** For Jackson only, which fills in a snapshot's references in place. */
    References() {
    }

    /** The raters named and not replaced, with their ratings once sent. */
    public Collection<Reference> raters() {
        return Collections.unmodifiableCollection(raters.values());
    }

    @CommandHandler
    void handle(NameRater command) {
        application.requireDraft();
        if (raters.containsKey(command.referenceId()) || replaced.contains(command.referenceId())) {
            throw new DomainRuleViolation("reference-exists", "Reference " + command.referenceId() + " exists already");
        }
        requireNewRater(command.email());
        apply(new RaterNamed(application.applicationId(), application.tenantId(), command.referenceId(),
                command.raterName(), command.email(), command.relationship(), command.waivesAccess(),
                command.formVersion(), command.linkExpiresAt()));
    }

    @CommandHandler
    void handle(ReplaceRater command) {
        application.requireDraft();
        Reference replacing = requireReference(command.replacedReferenceId());
        if (!replacing.email().equalsIgnoreCase(command.email())) {
            requireNewRater(command.email());
        }
        apply(new RaterReplaced(application.applicationId(), application.tenantId(), command.replacedReferenceId(),
                command.referenceId(), command.raterName(), command.email(), command.relationship(),
                command.waivesAccess(), command.formVersion(), command.linkExpiresAt()));
    }

    @CommandHandler
    void handle(ResendReferenceLink command) {
        application.requireOpen();
        Reference reference = requireReference(command.referenceId());
        if (reference.completed()) {
            throw new DomainRuleViolation("reference-completed",
                    reference.raterName() + " has sent the rating already; there is no link to send again");
        }
        apply(new ReferenceLinkResent(application.applicationId(), application.tenantId(), command.referenceId(),
                command.linkExpiresAt()));
    }

    /** A link works once, until it expires, only while its rater has not been replaced and the application lasts. */
    @CommandHandler
    void handle(SubmitReference command) {
        if (replaced.contains(command.referenceId())) {
            throw new ResourceGone("reference-link-replaced",
                    "The applicant has asked someone else for this reference; the link no longer works");
        }
        Reference reference = requireReference(command.referenceId());
        if (reference.completed()) {
            throw new ResourceGone("reference-link-used", "This reference has been sent already; a link works once");
        }
        if (application.status().isFinal()) {
            throw new ResourceGone("reference-not-needed", "The application has ended; no rating is needed");
        }
        if (!command.submittedAt().isBefore(reference.linkExpiresAt())) {
            throw new ResourceGone("reference-link-expired", "This link expired on " + reference.linkExpiresAt()
                    + "; the applicant can have a new one sent");
        }
        apply(new ReferenceSubmitted(application.applicationId(), application.tenantId(), command.referenceId(),
                command.rating()));
    }

    private Reference requireReference(String referenceId) {
        Reference reference = raters.get(referenceId);
        if (reference == null) {
            throw new UnknownResource("reference", referenceId);
        }
        return reference;
    }

    private void requireNewRater(String email) {
        if (raters.values().stream().anyMatch(r -> r.email().equalsIgnoreCase(email))) {
            throw new DomainRuleViolation("rater-named-already", email + " is named as a rater already");
        }
    }

    @EventSourcingHandler
    void on(RaterNamed event) {
        raters.put(event.referenceId(), new Reference(event.referenceId(), event.raterName(), event.email(),
                event.relationship(), event.waivesAccess(), event.formVersion(), event.linkExpiresAt(), null));
    }

    @EventSourcingHandler
    void on(RaterReplaced event) {
        raters.remove(event.replacedReferenceId());
        replaced.add(event.replacedReferenceId());
        raters.put(event.referenceId(), new Reference(event.referenceId(), event.raterName(), event.email(),
                event.relationship(), event.waivesAccess(), event.formVersion(), event.linkExpiresAt(), null));
    }

    @EventSourcingHandler
    void on(ReferenceLinkResent event) {
        raters.computeIfPresent(event.referenceId(), (id, reference) -> reference.withLink(event.linkExpiresAt()));
    }

    @EventSourcingHandler
    void on(ReferenceSubmitted event) {
        raters.computeIfPresent(event.referenceId(), (id, reference) -> reference.rated(event.rating()));
    }
}
