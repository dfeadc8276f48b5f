package org.iecmh.endorsement.application.mail;

import org.iecmh.endorsement.kit.web.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.comments.SectionCommented;
import org.iecmh.endorsement.application.exam.ScorersAssigned;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.application.review.ReviewersAssigned;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Mails the association's people about the work a step gives them: each reviewer assigned a portfolio, each scorer
 * assigned an exam (under the candidate's code, never the name), and the reviewers and the coordinator when the
 * applicant comments on a section. A reviewer or scorer is mailed at the address they chose, else the one their
 * endorsement gives (an imported endorsee's, a granted endorsee's contact email); one the association recorded from
 * before the platform has none until they choose one. The coordinator is mailed at the record's {@code coordinator}
 * address, in the association's first language. A tracking processor of its own: each mail is recorded in the outbox
 * in the processor's transaction, keyed by its event and recipient, so a step handled again mails nothing more.
 */
@Component
@ProcessingGroup("staff-mail")
class StaffMail {

    private final Notices notices;
    private final Associations associations;
    private final JdbcTemplate jdbc;

    StaffMail(Notices notices, Associations associations, JdbcTemplate jdbc) {
        this.notices = notices;
        this.associations = associations;
        this.jdbc = jdbc;
    }

    /** The application the work is about. */
    private record Application(String name, Category category) {
    }

    @EventHandler
    void on(ReviewersAssigned event, @MessageIdentifier String eventId) {
        application(event.applicationId(), event.tenantId()).ifPresent(application -> {
            for (Reviewer reviewer : event.reviewers()) {
                notices.send(notice(NoticeKind.REVIEW_ASSIGNED, event.tenantId(), eventId, reviewer)
                        .with("applicant", application.name())
                        .with("category", MailWords.category(application.category()))
                        .leadingTo("/review.html?id=" + event.applicationId()));
            }
        });
    }

    /** Blind scoring: the scorers learn the candidate's code, category and sitting, never the name. */
    @EventHandler
    void on(ScorersAssigned event, @MessageIdentifier String eventId) {
        Optional<Application> application = application(event.applicationId(), event.tenantId());
        List<java.time.LocalDate> sittings = jdbc.queryForList("""
                SELECT sitting_on FROM exam_attempt WHERE application_id = ? AND attempt = ?""",
                java.time.LocalDate.class, event.applicationId(), event.attempt());
        if (application.isEmpty() || sittings.isEmpty()) {
            return;
        }
        for (Reviewer scorer : event.scorers()) {
            notices.send(notice(NoticeKind.EXAM_SCORING_ASSIGNED, event.tenantId(), eventId, scorer)
                    .with("candidate", event.candidateCode())
                    .with("category", MailWords.category(application.get().category()))
                    .with("sittingOn", sittings.get(0))
                    .leadingTo("/console.html"));
        }
    }

    /** The applicant wrote about a section: their reviewers and the association's coordinator read it. */
    @EventHandler
    void on(SectionCommented event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (!Role.APPLICANT.is(role)) {
            return;
        }
        Application application = application(event.applicationId(), event.tenantId()).orElse(null);
        if (application == null) {
            return;
        }
        List<Reviewer> reviewers = jdbc.query("""
                SELECT reviewer, endorsement_number FROM review WHERE application_id = ? ORDER BY reviewer""",
                (rs, n) -> new Reviewer(rs.getString(1), rs.getString(2), null), event.applicationId());
        for (Reviewer reviewer : reviewers) {
            notices.send(comment(notice(NoticeKind.SECTION_COMMENTED, event.tenantId(), eventId, reviewer),
                    event, role, application));
        }
        Association association = associations.require(event.tenantId());
        if (association.coordinator() != null && association.coordinator().email() != null
                && !association.coordinator().email().isBlank()) {
            notices.send(comment(Notice.of(NoticeKind.SECTION_COMMENTED, event.tenantId(), eventId,
                    association.coordinator().email()), event, role, application));
        }
    }

    private static Notice comment(Notice notice, SectionCommented event, String role, Application application) {
        return notice.with("writer", MailWords.writer(role))
                .with("section", MailWords.section(event.section()))
                .with("text", event.text())
                .with("applicant", application.name())
                .with("category", MailWords.category(application.category()))
                .leadingTo("/review.html?id=" + event.applicationId());
    }

    /** To the endorsee who reviews or scores, at the address their endorsement gives, if it gives one. */
    private Notice notice(NoticeKind kind, String tenantId, String eventId, Reviewer reviewer) {
        List<String> addresses = jdbc.queryForList("""
                SELECT COALESCE(e.email, a.contact_email) FROM endorsee e
                LEFT JOIN application_view a ON a.endorsement_number = e.endorsement_number AND a.tenant_id = e.tenant_id
                WHERE e.endorsement_number = ? AND e.tenant_id = ?""", String.class, reviewer.endorsementNumber(),
                tenantId);
        String address = addresses.isEmpty() ? null : addresses.get(0);
        return Notice.of(kind, tenantId, eventId, address).to(reviewer.subject(), null);
    }

    private Optional<Application> application(String applicationId, String tenantId) {
        return jdbc.query("""
                SELECT applicant_name, category FROM application_view WHERE application_id = ? AND tenant_id = ?""",
                (rs, n) -> new Application(rs.getString(1), Category.fromAbbreviation(rs.getString(2))),
                applicationId, tenantId).stream().findFirst();
    }
}
