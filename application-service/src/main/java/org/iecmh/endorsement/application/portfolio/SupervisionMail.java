package org.iecmh.endorsement.application.portfolio;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Mails the supervision provider a one-time link to the sessions they are asked to confirm, in the language of the
 * applicant who asked. A tracking processor: the link and its mail are recorded in the outbox in the processor's
 * transaction, once per event. The secret is made here, only its hash is kept, and it is written to no log.
 */
@Component
@ProcessingGroup("supervision-mail")
class SupervisionMail {

    private static final Logger log = LoggerFactory.getLogger(SupervisionMail.class);

    private final Notices notices;
    private final SupervisionLinks links;
    private final CaseFile caseFile;
    private final TenantPolicies policies;
    private final Clock clock;

    SupervisionMail(Notices notices, SupervisionLinks links, CaseFile caseFile, TenantPolicies policies,
                    Clock clock) {
        this.notices = notices;
        this.links = links;
        this.caseFile = caseFile;
        this.policies = policies;
        this.clock = clock;
    }

    @EventHandler
    void on(SupervisionConfirmationRequested event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.LANGUAGE) String language) {
        Instant now = clock.instant();
        if (!now.isBefore(event.linkExpiresAt())) {
            // Caught up late: the mail would carry a link that cannot work.
            log.info("Supervision confirmation {}: no link mailed (expired)", event.confirmationId());
            return;
        }
        Notice notice = Notice.of(NoticeKind.SUPERVISION_CONFIRMATION_REQUEST, event.tenantId(), eventId,
                event.providerEmail()).to(null, language);
        if (notices.recorded(notice)) {
            // Handled again: the link mailed then still works.
            return;
        }
        ApplicationView application = caseFile.find(event.applicationId()).orElseThrow(() ->
                new IllegalStateException("Application " + event.applicationId() + " is not in the read model yet"));
        Category category = Category.fromAbbreviation(application.category());
        String secret = links.issue(event.confirmationId(), event.applicationId(), event.tenantId(),
                event.linkExpiresAt(), now);
        notices.send(notice
                .with("provider", event.providerName())
                .with("providerNumber", event.providerEndorsementNumber())
                .with("applicant", application.applicantName())
                .with("category", category.title() + " (" + category.abbreviation() + ")")
                .with("sessions", event.entryIds().size())
                .with("confirmationLink", notices.link("/confirm-supervision.html#" + secret))
                .with("expiresOn", policies.day(event.tenantId(), event.linkExpiresAt())));
        log.info("Supervision confirmation {}: link recorded for mailing, valid until {}", event.confirmationId(),
                event.linkExpiresAt());
    }
}
