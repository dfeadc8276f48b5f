package org.iecmh.endorsement.application.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.application.review.SectionComment;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.kit.web.Visibility;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The application's case file: its row in the read model ({@code application_view}), who may see it, and the writes
 * that keep the row in step with the lifecycle. Every feature reads applications here; each feature's views
 * ({@code PortfolioViews}, {@code ReviewViews}, ...) keep their own tables and move the row on their events.
 * <p>
 * The read model is one processing group, subscribing (see application-service.yml): it is updated in the
 * transaction that stores the events, so a request reads what it has just written, and rebuilt as one.
 */
@Component
public class CaseFile {

    /** The processing group of every part of the application read model. */
    public static final String PROCESSING_GROUP = "application-view";
    /** The tables the application read model keeps, in an order TRUNCATE accepts together. */
    public static final List<String> TABLES = List.of("attachment", "supervision_confirmation", "portfolio_entry",
            "review", "exam_scorer", "exam_attempt", "section_comment", "supervision_provider", "endorsee", "reference",
            "application_view");

    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<List<SectionComment>> COMMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<ApplicationView> row;

    CaseFile(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new ApplicationView(
                rs.getString("application_id"), rs.getString("tenant_id"), rs.getString("person_id"),
                rs.getString("applicant_name"), rs.getString("category"),
                ApplicationStatus.valueOf(rs.getString("status")), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("invoice_id"), rs.getString("endorsement_number"),
                rs.getDate("valid_through") == null ? null : rs.getDate("valid_through").toLocalDate(),
                rs.getString("reasons") == null ? List.of() : read(rs.getString("reasons"), REASONS),
                rs.getString("comments") == null ? List.of() : read(rs.getString("comments"), COMMENTS),
                rs.getString("contact_email"), rs.getString("state_of_residence"),
                rs.getTimestamp("submitted_at") == null ? null : rs.getTimestamp("submitted_at").toInstant(),
                rs.getBoolean("exam"));
    }

    /** The application as its people see it, whatever the tenant: for callers that checked the tenant already. */
    public Optional<ApplicationView> find(String applicationId) {
        return jdbc.query("SELECT * FROM application_view WHERE application_id = ?", row, applicationId).stream()
                .findFirst();
    }

    /**
     * The application, if the actor may see it: staff of its tenant (reviewers included), or the applicant it
     * belongs to. Anyone else (another applicant, a role that is not staff) is told it does not exist.
     */
    public ApplicationView require(String applicationId, Actor actor) {
        List<ApplicationView> found = jdbc.query(
                "SELECT * FROM application_view WHERE application_id = ? AND tenant_id = ?",
                row, applicationId, actor.tenantId());
        if (found.isEmpty() || !(actor.hasRole(Role.REVIEWER)
                || Visibility.staffOrOwner(actor, found.get(0).tenantId(), found.get(0).personId()))) {
            throw new UnknownResource("application", applicationId);
        }
        return found.get(0);
    }

    /**
     * The application, if the actor may see the evidence it carries (its attachments, its supervision confirmations):
     * as {@link #require}, except that a reviewer sees only the applications assigned to them.
     */
    public ApplicationView requireEvidence(String applicationId, Actor actor) {
        ApplicationView application = require(applicationId, actor);
        if (actor.hasRole(Role.REVIEWER) && !assignedTo(applicationId, actor.subject())) {
            throw new UnknownResource("application", applicationId);
        }
        return application;
    }

    private boolean assignedTo(String applicationId, String reviewer) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM review WHERE application_id = ? AND reviewer = ?",
                Integer.class, applicationId, reviewer);
        return count != null && count > 0;
    }

    /** The association's applications in one state, the longest waiting first. */
    public List<ApplicationView> queue(String tenantId, ApplicationStatus status, int page, int size) {
        return jdbc.query("""
                SELECT * FROM application_view WHERE tenant_id = ? AND status = ?
                ORDER BY updated_at, application_id LIMIT ? OFFSET ?""",
                row, tenantId, status.name(), size, (long) page * size);
    }

    /** A person's own applications in a tenant, newest first. */
    public List<ApplicationView> ownedBy(String tenantId, String personId) {
        return jdbc.query("""
                SELECT * FROM application_view WHERE tenant_id = ? AND person_id = ?
                ORDER BY updated_at DESC, application_id""", row, tenantId, personId);
    }

    /** Whether the person has an application in progress in the tenant (one category at a time). */
    public boolean hasApplicationInProgress(String tenantId, String personId) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM application_view WHERE tenant_id = ? AND person_id = ?
                AND status NOT IN ('GRANTED', 'DENIED', 'WITHDRAWN')""", Integer.class, tenantId, personId);
        return count != null && count > 0;
    }

    /**
     * Applications chosen by a feature's own table: {@code sql} selects the columns of {@code application_view}
     * (aliased {@code a}), for instance joined with the reviews.
     */
    public List<ApplicationView> select(String sql, Object... arguments) {
        return jdbc.query(sql, row, arguments);
    }

    /** A started application: a draft. */
    public void opened(String applicationId, String tenantId, String personId, String applicantName,
                       String category, String contactEmail, String stateOfResidence, Instant at) {
        jdbc.update("""
                INSERT INTO application_view (application_id, tenant_id, person_id, applicant_name, category, status,
                                              updated_at, contact_email, state_of_residence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (application_id) DO NOTHING""",
                applicationId, tenantId, personId, applicantName, category, ApplicationStatus.DRAFT.name(),
                Timestamp.from(at), contactEmail, stateOfResidence);
    }

    /** Handed in (the first time keeps its instant); {@code exam}: whether its category has one, if known. */
    public void submitted(String applicationId, Boolean exam, Instant at) {
        jdbc.update("""
                UPDATE application_view SET status = ?, updated_at = ?, submitted_at = COALESCE(submitted_at, ?)
                WHERE application_id = ?""", ApplicationStatus.SUBMITTED.name(), Timestamp.from(at),
                Timestamp.from(at), applicationId);
        exam(applicationId, exam);
    }

    /** Handed in again after a return: back in review, the reviewers' comments answered. */
    public void resubmitted(String applicationId, Boolean exam, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, comments = NULL, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.IN_REVIEW.name(), Timestamp.from(at), applicationId);
        exam(applicationId, exam);
    }

    /** The fees paid under {@code invoiceId}: in review. */
    public void reviewOpened(String applicationId, String invoiceId, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, invoice_id = ?, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.IN_REVIEW.name(), invoiceId, Timestamp.from(at), applicationId);
    }

    /** Returned to the applicant with the reviewers' comments. */
    public void returned(String applicationId, List<SectionComment> comments, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, comments = ?::jsonb, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.RETURNED.name(), write(comments), Timestamp.from(at), applicationId);
    }

    /** Granted under this number, valid through that day. */
    public void granted(String applicationId, String endorsementNumber, LocalDate validThrough, Instant at) {
        jdbc.update("""
                UPDATE application_view SET status = ?, endorsement_number = ?, valid_through = ?, updated_at = ?
                WHERE application_id = ?""", ApplicationStatus.GRANTED.name(), endorsementNumber,
                Date.valueOf(validThrough), Timestamp.from(at), applicationId);
    }

    /** Denied, with the reasons the applicant reads. */
    public void denied(String applicationId, List<String> reasons, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, reasons = ?::jsonb, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.DENIED.name(), write(reasons), Timestamp.from(at), applicationId);
    }

    /** Any other step: the application now stands in {@code status}, since {@code at}. */
    public void moved(String applicationId, ApplicationStatus status, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, updated_at = ? WHERE application_id = ?",
                status.name(), Timestamp.from(at), applicationId);
    }

    private void exam(String applicationId, Boolean exam) {
        if (exam != null) {
            jdbc.update("UPDATE application_view SET exam = ? WHERE application_id = ?", exam, applicationId);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getType(), e);
        }
    }
}
