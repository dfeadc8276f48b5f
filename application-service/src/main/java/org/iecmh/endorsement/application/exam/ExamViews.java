package org.iecmh.endorsement.application.exam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.review.Reviewer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exam's part of the application read model: each attempt ({@code exam_attempt}) and its scorers
 * ({@code exam_scorer}), scores kept blind until the result.
 */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class ExamViews {

    private static final TypeReference<List<ExamPart>> PARTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<ExamPart, Double>> PART_SCORES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CaseFile caseFile;

    ExamViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, CaseFile caseFile) {
        this.jdbc = jdbc;
        this.json = json;
        this.caseFile = caseFile;
    }

    @EventHandler
    void on(ExamScheduled event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO exam_attempt (application_id, attempt, sitting_on, parts, pass_percent)
                VALUES (?, ?, ?, ?::jsonb, ?)""", event.applicationId(), event.attempt(),
                Date.valueOf(event.sittingOn()), json.writeValueAsString(event.parts()), event.passPercent());
        caseFile.moved(event.applicationId(), ApplicationStatus.EXAM_SCHEDULED, at);
    }

    @EventHandler
    void on(ExamScoreRecorded event) {
        // Scores stay blind: the view counts them, the result shows the part scores once both are in.
        jdbc.update("UPDATE exam_attempt SET scores_entered = scores_entered + 1 WHERE application_id = ? AND attempt = ?",
                event.applicationId(), event.attempt());
        jdbc.update("""
                UPDATE exam_scorer SET scored_parts = scored_parts || to_jsonb(?::text)
                WHERE application_id = ? AND attempt = ? AND scorer = ?""", event.part().name(),
                event.applicationId(), event.attempt(), event.scorer());
    }

    @EventHandler
    void on(ScorersAssigned event) {
        jdbc.update("UPDATE exam_attempt SET candidate_code = ? WHERE application_id = ? AND attempt = ?",
                event.candidateCode(), event.applicationId(), event.attempt());
        jdbc.update("DELETE FROM exam_scorer WHERE application_id = ? AND attempt = ?", event.applicationId(),
                event.attempt());
        for (Reviewer scorer : event.scorers()) {
            jdbc.update("""
                    INSERT INTO exam_scorer (application_id, attempt, scorer, endorsement_number)
                    VALUES (?, ?, ?, ?)""", event.applicationId(), event.attempt(), scorer.subject(),
                    scorer.endorsementNumber());
        }
    }

    @EventHandler
    void on(ExamPassed event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                UPDATE exam_attempt SET result = 'PASSED', part_scores = ?::jsonb
                WHERE application_id = ? AND attempt = ?""", json.writeValueAsString(event.partScores()),
                event.applicationId(), event.attempt());
        caseFile.moved(event.applicationId(), ApplicationStatus.EXAM_PASSED, at);
    }

    @EventHandler
    void on(ExamFailed event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                UPDATE exam_attempt SET result = 'FAILED', part_scores = ?::jsonb, retake_from = ?
                WHERE application_id = ? AND attempt = ?""", json.writeValueAsString(event.partScores()),
                Date.valueOf(event.retakeFrom()), event.applicationId(), event.attempt());
        caseFile.moved(event.applicationId(), ApplicationStatus.EXAM_FAILED, at);
    }

    /**
     * The sittings a scorer is assigned to (with {@code waitingOnly}, those without a result yet), the earliest
     * first: under the candidate's code, with nothing that names the candidate.
     */
    public List<ScorerSitting> sittingsScoredBy(String tenantId, String scorer, boolean waitingOnly) {
        return jdbc.query("""
                SELECT x.candidate_code, a.category, x.attempt, x.sitting_on, x.parts, s.scored_parts
                FROM exam_scorer s
                JOIN exam_attempt x ON x.application_id = s.application_id AND x.attempt = s.attempt
                JOIN application_view a ON a.application_id = s.application_id
                WHERE a.tenant_id = ? AND s.scorer = ? AND (NOT ? OR x.result IS NULL)
                ORDER BY x.sitting_on, x.candidate_code""",
                (rs, n) -> new ScorerSitting(rs.getString("candidate_code"), rs.getString("category"),
                        rs.getInt("attempt"), rs.getDate("sitting_on").toLocalDate(),
                        read(rs.getString("parts"), PARTS), read(rs.getString("scored_parts"), PARTS)),
                tenantId, scorer, waitingOnly);
    }

    /** The application a scorer scores under a candidate code, if they are one of its scorers. */
    public Optional<String> applicationOfCandidate(String tenantId, String scorer, String candidateCode) {
        return jdbc.query("""
                SELECT s.application_id FROM exam_scorer s
                JOIN exam_attempt x ON x.application_id = s.application_id AND x.attempt = s.attempt
                JOIN application_view a ON a.application_id = s.application_id
                WHERE a.tenant_id = ? AND s.scorer = ? AND x.candidate_code = ?""",
                (rs, n) -> rs.getString(1), tenantId, scorer, candidateCode).stream().findFirst();
    }

    /** The application's exam attempts, first first. */
    public List<Map<String, Object>> examAttempts(String applicationId) {
        return jdbc.query("SELECT * FROM exam_attempt WHERE application_id = ? ORDER BY attempt", (rs, n) -> {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("attempt", rs.getInt("attempt"));
            attempt.put("sittingOn", rs.getDate("sitting_on").toLocalDate());
            attempt.put("parts", read(rs.getString("parts"), PARTS));
            attempt.put("passPercent", rs.getInt("pass_percent"));
            attempt.put("scoresEntered", rs.getInt("scores_entered"));
            attempt.put("partScores", rs.getString("part_scores") == null ? null
                    : read(rs.getString("part_scores"), PART_SCORES));
            attempt.put("result", rs.getString("result"));
            attempt.put("retakeFrom", rs.getDate("retake_from") == null ? null
                    : rs.getDate("retake_from").toLocalDate());
            attempt.put("candidateCode", rs.getString("candidate_code"));
            attempt.put("scorers", jdbc.queryForList("""
                    SELECT scorer FROM exam_scorer WHERE application_id = ? AND attempt = ? ORDER BY scorer""",
                    String.class, applicationId, rs.getInt("attempt")));
            return attempt;
        }, applicationId);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getType(), e);
        }
    }
}
