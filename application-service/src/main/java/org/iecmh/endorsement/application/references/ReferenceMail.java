package org.iecmh.endorsement.application.references;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Mails each rater a one-time link to the rating form, in the language of the applicant who named them. A tracking
 * processor: the link and its mail are recorded in the outbox in the processor's transaction, once per event, and
 * the outbox sends it. The secret is made here, only its hash is kept with the link, and it is written to no log;
 * the outbox holds the mail's body only until it is sent.
 */
@Component
@ProcessingGroup("reference-mail")
class ReferenceMail {

    private static final Logger log = LoggerFactory.getLogger(ReferenceMail.class);

    private final Notices notices;
    private final ReferenceLinks links;
    private final ReferenceViews references;
    private final TenantPolicies policies;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReferenceMail(Notices notices, ReferenceLinks links, ReferenceViews references, TenantPolicies policies,
                  JdbcTemplate jdbc, Clock clock) {
        this.notices = notices;
        this.links = links;
        this.references = references;
        this.policies = policies;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(RaterNamed event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.LANGUAGE) String language) {
        send(eventId, language, event.applicationId(), event.tenantId(), event.referenceId(), event.linkExpiresAt());
    }

    @EventHandler
    void on(RaterReplaced event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.LANGUAGE) String language) {
        send(eventId, language, event.applicationId(), event.tenantId(), event.referenceId(), event.linkExpiresAt());
    }

    @EventHandler
    void on(ReferenceLinkResent event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.LANGUAGE) String language) {
        send(eventId, language, event.applicationId(), event.tenantId(), event.referenceId(), event.linkExpiresAt());
    }

    private void send(String eventId, String language, String applicationId, String tenantId, String referenceId,
                      Instant expiresAt) {
        Instant now = clock.instant();
        ReferenceViews.Named named = references.find(referenceId).orElseThrow(() -> new IllegalStateException(
                "Reference " + referenceId + " is not in the read model yet; the mail is retried"));
        String stale = named.replacedBy() != null ? "replaced"
                : named.reference().completed() ? "answered" : !now.isBefore(expiresAt) ? "expired"
                : !expiresAt.equals(named.reference().linkExpiresAt()) ? "a newer link follows" : null;
        if (stale != null) {
            // Caught up late: the mail would carry a link that cannot work.
            log.info("Reference {}: no link mailed ({})", referenceId, stale);
            return;
        }
        Reference reference = named.reference();
        Notice notice = Notice.of(NoticeKind.REFERENCE_REQUEST, tenantId, eventId, reference.email())
                .to(null, language);
        if (notices.recorded(notice)) {
            // Handled again: the link mailed then still works; a new one would void it.
            return;
        }
        Map<String, Object> application = jdbc.queryForMap(
                "SELECT applicant_name, category FROM application_view WHERE application_id = ?", applicationId);
        Category category = Category.fromAbbreviation((String) application.get("category"));
        String secret = links.issue(applicationId, tenantId, referenceId, expiresAt, now);
        notices.send(notice
                .with("rater", reference.raterName())
                .with("applicant", application.get("applicant_name"))
                .with("category", category.title() + " (" + category.abbreviation() + ")")
                .with("ratingLink", notices.link("/rate.html#" + secret))
                .with("expiresOn", policies.day(tenantId, expiresAt))
                .with("waived", reference.waivesAccess())
                .with("notWaived", !reference.waivesAccess()));
        log.info("Reference {}: link recorded for mailing, valid until {}", referenceId, expiresAt);
    }
}
