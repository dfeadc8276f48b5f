package org.iecmh.endorsement.application.references;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.contracts.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Mails each rater a one-time link to the rating form. A tracking processor: its token is claimed by one instance
 * at a time; a failed send rolls back the link it made and is retried, never skipped. The secret is made here, only
 * its hash is stored, and it is written to no log.
 */
@Component
@ProcessingGroup("reference-mail")
class ReferenceMail {

    private static final Logger log = LoggerFactory.getLogger(ReferenceMail.class);

    private final JavaMailSender mail;
    private final ReferenceLinks links;
    private final ReferenceViews references;
    private final TenantPolicies policies;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String from;
    private final String linkBase;

    ReferenceMail(JavaMailSender mail, ReferenceLinks links, ReferenceViews references, TenantPolicies policies,
                  JdbcTemplate jdbc, Clock clock, @Value("${iecmh.references.from}") String from,
                  @Value("${iecmh.references.link-base}") String linkBase) {
        this.mail = mail;
        this.links = links;
        this.references = references;
        this.policies = policies;
        this.jdbc = jdbc;
        this.clock = clock;
        this.from = from;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    @EventHandler
    void on(RaterNamed event) {
        send(event.applicationId(), event.tenantId(), event.referenceId(), event.linkExpiresAt());
    }

    @EventHandler
    void on(RaterReplaced event) {
        send(event.applicationId(), event.tenantId(), event.referenceId(), event.linkExpiresAt());
    }

    @EventHandler
    void on(ReferenceLinkResent event) {
        send(event.applicationId(), event.tenantId(), event.referenceId(), event.linkExpiresAt());
    }

    private void send(String applicationId, String tenantId, String referenceId, Instant expiresAt) {
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
        Map<String, Object> application = jdbc.queryForMap(
                "SELECT applicant_name, category FROM application_view WHERE application_id = ?", applicationId);
        String applicant = (String) application.get("applicant_name");
        Category category = Category.fromAbbreviation((String) application.get("category"));
        String association = policies.tenant(tenantId).name();
        String secret = links.issue(applicationId, tenantId, referenceId, expiresAt, now);

        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(reference.email());
        message.setSubject("A reference for " + applicant + ": IECMH Endorsement, " + association);
        message.setText("Dear " + reference.raterName() + ",\n\n"
                + applicant + " is applying to " + association + " for Infant and Early Childhood Mental Health "
                + "Endorsement as " + category.title() + " (" + category.abbreviation() + ") and has named you as a "
                + "reference. Please rate their work on the short form at\n\n"
                + linkBase + "/rate.html#" + secret + "\n\n"
                + "The link works once, until " + policies.day(tenantId, expiresAt) + ". You need no "
                + "account. "
                + (reference.waivesAccess()
                ? "The applicant has waived access to your rating: they will not see it."
                : "The applicant may read your rating.")
                + "\n\nThank you,\n" + association + "\n");
        mail.send(message);
        log.info("Reference {}: link mailed, valid until {}", referenceId, expiresAt);
    }
}
