package org.iecmh.endorsement.application.submission;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.util.List;

/**
 * The application read model. A subscribing processor (see application-service.yml) updates it in the transaction
 * that stores the events, so a request reads what it has just written.
 */
@Component
@ProcessingGroup(ApplicationViews.PROCESSING_GROUP)
public class ApplicationViews {

    static final String PROCESSING_GROUP = "application-view";

    private static final RowMapper<ApplicationView> ROW = (rs, n) -> new ApplicationView(
            rs.getString("application_id"), rs.getString("tenant_id"), rs.getString("person_id"),
            rs.getString("applicant_name"), rs.getString("category"),
            ApplicationStatus.valueOf(rs.getString("status")), rs.getString("invoice_id"),
            rs.getString("endorsement_number"),
            rs.getDate("valid_through") == null ? null : rs.getDate("valid_through").toLocalDate());

    private final JdbcTemplate jdbc;

    ApplicationViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The application, if the actor may see it: staff of its tenant, or the applicant it belongs to.
     * Anyone else is told it does not exist.
     */
    public ApplicationView require(String applicationId, Actor actor) {
        List<ApplicationView> found = jdbc.query("SELECT * FROM application_view WHERE application_id = ? AND tenant_id = ?",
                ROW, applicationId, actor.tenantId());
        if (found.isEmpty() || (actor.hasRole("APPLICANT") && !found.get(0).personId().equals(actor.subject()))) {
            throw new UnknownResource("application", applicationId);
        }
        return found.get(0);
    }

    @EventHandler
    void on(ApplicationStarted event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO application_view (application_id, tenant_id, person_id, applicant_name, category, status,
                                              updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (application_id) DO NOTHING""",
                event.applicationId(), event.tenantId(), event.personId(), event.applicantName(),
                event.category().abbreviation(), ApplicationStatus.DRAFT.name(), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ApplicationSubmitted event, @Timestamp Instant at) {
        status(event.applicationId(), ApplicationStatus.SUBMITTED, at);
    }

    @EventHandler
    void on(ReviewOpened event, @Timestamp Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, invoice_id = ?, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.IN_REVIEW.name(), event.invoiceId(), java.sql.Timestamp.from(at),
                event.applicationId());
    }

    @EventHandler
    void on(EndorsementGranted event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE application_view SET status = ?, endorsement_number = ?, valid_through = ?, updated_at = ?
                WHERE application_id = ?""",
                ApplicationStatus.GRANTED.name(), event.endorsementNumber(), Date.valueOf(event.validThrough()),
                java.sql.Timestamp.from(at), event.applicationId());
    }

    private void status(String applicationId, ApplicationStatus status, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, updated_at = ? WHERE application_id = ?",
                status.name(), java.sql.Timestamp.from(at), applicationId);
    }
}
