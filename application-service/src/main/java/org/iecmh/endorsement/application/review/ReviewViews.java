package org.iecmh.endorsement.application.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.casefile.ApplicationView;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.submission.ApplicationResubmitted;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review's part of the application read model: each reviewer and what they recorded ({@code review}), and the
 * application's steps through review to the grant.
 */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class ReviewViews {

    private static final TypeReference<List<SectionComment>> COMMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CaseFile caseFile;

    ReviewViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, CaseFile caseFile) {
        this.jdbc = jdbc;
        this.json = json;
        this.caseFile = caseFile;
    }

    @EventHandler
    void on(ReviewOpened event, @Timestamp Instant at) {
        caseFile.reviewOpened(event.applicationId(), event.invoiceId(), at);
    }

    @EventHandler
    void on(ReviewersAssigned event) {
        jdbc.update("DELETE FROM review WHERE application_id = ?", event.applicationId());
        for (Reviewer reviewer : event.reviewers()) {
            jdbc.update("INSERT INTO review (application_id, reviewer, endorsement_number) VALUES (?, ?, ?)",
                    event.applicationId(), reviewer.subject(), reviewer.endorsementNumber());
        }
    }

    @EventHandler
    void on(ReviewRecorded event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                UPDATE review SET decision = ?, comments = ?::jsonb, recorded_at = ?
                WHERE application_id = ? AND reviewer = ?""", event.decision().name(),
                json.writeValueAsString(event.comments()), java.sql.Timestamp.from(at), event.applicationId(),
                event.reviewer());
    }

    /** Handed in again: the same reviewers review it afresh. */
    @EventHandler
    void on(ApplicationResubmitted event) {
        jdbc.update("UPDATE review SET decision = NULL, comments = '[]', recorded_at = NULL WHERE application_id = ?",
                event.applicationId());
    }

    @EventHandler
    void on(PortfolioApproved event, @Timestamp Instant at) {
        caseFile.moved(event.applicationId(), ApplicationStatus.PORTFOLIO_APPROVED, at);
    }

    @EventHandler
    void on(ApplicationHeld event, @Timestamp Instant at) {
        caseFile.moved(event.applicationId(), ApplicationStatus.ON_HOLD, at);
    }

    @EventHandler
    void on(ApplicationReturned event, @Timestamp Instant at) {
        caseFile.returned(event.applicationId(), event.comments(), at);
    }

    @EventHandler
    void on(EndorsementGranted event, @Timestamp Instant at) {
        caseFile.granted(event.applicationId(), event.endorsementNumber(), event.validThrough(), at);
    }

    /** The reviews of an application: who, and what they recorded so far. */
    public List<Map<String, Object>> reviews(String applicationId) {
        return jdbc.query("SELECT * FROM review WHERE application_id = ? ORDER BY reviewer", (rs, n) -> {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("reviewer", rs.getString("reviewer"));
            review.put("endorsementNumber", rs.getString("endorsement_number"));
            review.put("decision", rs.getString("decision"));
            review.put("comments", read(rs.getString("comments")));
            review.put("recordedAt", rs.getTimestamp("recorded_at") == null ? null
                    : rs.getTimestamp("recorded_at").toInstant());
            return review;
        }, applicationId);
    }

    /** Applications a reviewer is assigned to and that still wait for review, the longest waiting first. */
    public List<ApplicationView> assignedTo(String tenantId, String reviewer) {
        return caseFile.select("""
                SELECT a.* FROM application_view a JOIN review r ON r.application_id = a.application_id
                WHERE a.tenant_id = ? AND r.reviewer = ? AND a.status IN ('IN_REVIEW', 'ON_HOLD')
                ORDER BY a.updated_at, a.application_id""", tenantId, reviewer);
    }

    private List<SectionComment> read(String comments) {
        try {
            return json.readValue(comments, COMMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable review comments", e);
        }
    }
}
