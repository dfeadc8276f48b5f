package org.iecmh.endorsement.application.mail;

import org.iecmh.endorsement.kit.web.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.comments.SectionCommented;
import org.iecmh.endorsement.application.decision.ApplicationDenied;
import org.iecmh.endorsement.application.exam.ExamFailed;
import org.iecmh.endorsement.application.exam.ExamPassed;
import org.iecmh.endorsement.application.exam.ExamScheduled;
import org.iecmh.endorsement.application.review.ApplicationReturned;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.SectionComment;
import org.iecmh.endorsement.application.submission.ApplicationResubmitted;
import org.iecmh.endorsement.application.submission.ApplicationStarted;
import org.iecmh.endorsement.application.submission.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.mail.Localized;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mails the applicant about each step they wait on: the application started, received, sent back with the sections
 * to revisit, a comment of the association's staff on a section, the exam booked and its result, the endorsement
 * granted or the application denied with its reasons. In the language they chose, else the one they started the
 * application in (else the association's first), to the address they chose, else the contact email they gave. A
 * tracking processor of its own: each mail is recorded in the outbox in the processor's transaction, keyed by its
 * event, so a step handled again mails nothing more.
 */
@Component
@ProcessingGroup("applicant-mail")
class ApplicantMail {

    private final Notices notices;
    private final JdbcTemplate jdbc;

    ApplicantMail(Notices notices, JdbcTemplate jdbc) {
        this.notices = notices;
        this.jdbc = jdbc;
    }

    /** Whom an application's mail goes to. */
    private record Applicant(String personId, String name, String email, Category category) {
    }

    @EventHandler
    void on(ApplicationStarted event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.LANGUAGE) String language) {
        notices.rememberLanguage(event.tenantId(), event.personId(), language);
        notices.send(Notice.of(NoticeKind.APPLICATION_STARTED, event.tenantId(), eventId, event.contactEmail())
                .to(event.personId(), null)
                .with("applicant", event.applicantName())
                .with("category", MailWords.category(event.category()))
                .leadingTo(page(event.applicationId())));
    }

    @EventHandler
    void on(ApplicationSubmitted event, @MessageIdentifier String eventId) {
        mail(NoticeKind.APPLICATION_SUBMITTED, event.applicationId(), event.tenantId(), eventId, Map.of());
    }

    @EventHandler
    void on(ApplicationResubmitted event, @MessageIdentifier String eventId) {
        mail(NoticeKind.APPLICATION_RESUBMITTED, event.applicationId(), event.tenantId(), eventId, Map.of());
    }

    @EventHandler
    void on(ApplicationReturned event, @MessageIdentifier String eventId) {
        mail(NoticeKind.APPLICATION_RETURNED, event.applicationId(), event.tenantId(), eventId,
                Map.of("sections", sections(event.comments())));
    }

    @EventHandler
    void on(ExamScheduled event, @MessageIdentifier String eventId) {
        mail(NoticeKind.EXAM_SCHEDULED, event.applicationId(), event.tenantId(), eventId,
                Map.of("sittingOn", event.sittingOn(), "passPercent", event.passPercent()));
    }

    @EventHandler
    void on(ExamPassed event, @MessageIdentifier String eventId) {
        mail(NoticeKind.EXAM_PASSED, event.applicationId(), event.tenantId(), eventId, Map.of());
    }

    @EventHandler
    void on(ExamFailed event, @MessageIdentifier String eventId) {
        mail(NoticeKind.EXAM_FAILED, event.applicationId(), event.tenantId(), eventId,
                Map.of("retakeFrom", event.retakeFrom() == null ? "" : event.retakeFrom()));
    }

    @EventHandler
    void on(ApplicationDenied event, @MessageIdentifier String eventId) {
        mail(NoticeKind.APPLICATION_DENIED, event.applicationId(), event.tenantId(), eventId,
                Map.of("reasons", event.reasons().stream().map(reason -> "- " + reason)
                        .collect(Collectors.joining("\n"))));
    }

    /** The association's reviewers or coordinator wrote about a section: the applicant reads it and may answer. */
    @EventHandler
    void on(SectionCommented event, @MessageIdentifier String eventId,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        if (Role.APPLICANT.is(role)) {
            return;
        }
        mail(NoticeKind.SECTION_COMMENTED, event.applicationId(), event.tenantId(), eventId, Map.of(
                "writer", MailWords.writer(role), "section", MailWords.section(event.section()),
                "text", event.text()));
    }

    @EventHandler
    void on(EndorsementGranted event, @MessageIdentifier String eventId) {
        String number = event.endorsementNumber();
        mail(NoticeKind.ENDORSEMENT_GRANTED, event.applicationId(), event.tenantId(), eventId, Map.of(
                "number", number,
                "validThrough", event.validThrough(),
                "certificate", notices.link("/api/registry/endorsements/" + number + "/certificate"),
                "verification", notices.link("/verify.html?number=" + number)),
                "/endorsement.html?number=" + number);
    }

    private void mail(NoticeKind kind, String applicationId, String tenantId, String eventId,
                      Map<String, Object> values) {
        mail(kind, applicationId, tenantId, eventId, values, page(applicationId));
    }

    private void mail(NoticeKind kind, String applicationId, String tenantId, String eventId,
                      Map<String, Object> values, String page) {
        List<Applicant> found = jdbc.query("""
                SELECT person_id, applicant_name, contact_email, category FROM application_view
                WHERE application_id = ? AND tenant_id = ?""", (rs, n) -> new Applicant(rs.getString(1),
                rs.getString(2), rs.getString(3), Category.fromAbbreviation(rs.getString(4))), applicationId,
                tenantId);
        if (found.isEmpty()) {
            return;
        }
        Applicant applicant = found.get(0);
        notices.send(Notice.of(kind, tenantId, eventId, applicant.email()).to(applicant.personId(), null)
                .with("applicant", applicant.name())
                .with("category", MailWords.category(applicant.category()))
                .with(values)
                .leadingTo(page));
    }

    private static String page(String applicationId) {
        return "/application.html?id=" + applicationId;
    }

    /** Each section sent back and what the reviewers said of it, one a line, the section in the reader's language. */
    private static Localized sections(List<SectionComment> comments) {
        return locale -> comments.stream()
                .map(comment -> "- " + MailWords.section(comment.section()).in(locale) + ": " + comment.comment())
                .collect(Collectors.joining("\n"));
    }
}
