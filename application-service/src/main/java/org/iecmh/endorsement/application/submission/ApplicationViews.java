package org.iecmh.endorsement.application.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.comments.SectionCommented;
import org.iecmh.endorsement.application.decision.ApplicationDenied;
import org.iecmh.endorsement.application.decision.ApplicationWithdrawn;
import org.iecmh.endorsement.application.exam.ExamFailed;
import org.iecmh.endorsement.application.exam.ExamPart;
import org.iecmh.endorsement.application.exam.ExamPassed;
import org.iecmh.endorsement.application.exam.ExamScheduled;
import org.iecmh.endorsement.application.exam.ExamScoreRecorded;
import org.iecmh.endorsement.application.exam.ScorerSitting;
import org.iecmh.endorsement.application.exam.ScorersAssigned;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.portfolio.PortfolioEntry;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryCorrected;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRecorded;
import org.iecmh.endorsement.application.portfolio.PortfolioEntryRemoved;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.EndorsedPeriod;
import org.iecmh.endorsement.application.review.ApplicationHeld;
import org.iecmh.endorsement.application.review.ApplicationReturned;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.PortfolioApproved;
import org.iecmh.endorsement.application.review.HeldEndorsement;
import org.iecmh.endorsement.application.review.ReviewRecorded;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.application.review.ReviewersAssigned;
import org.iecmh.endorsement.application.review.SectionComment;
import org.iecmh.endorsement.application.imports.EndorsementImported;
import org.iecmh.endorsement.application.reviewers.PriorEndorsementRecorded;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.ReflectiveSupervisionProviders;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.application.review.ReviewOpened;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.Visibility;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application read model. A subscribing processor (see application-service.yml) updates it in the transaction
 * that stores the events, so a request reads what it has just written.
 */
@Component
@ProcessingGroup(ApplicationViews.PROCESSING_GROUP)
public class ApplicationViews {

    /** The roles that see every application of their tenant. */

    public static final String PROCESSING_GROUP = "application-view";
    /** The tables this read model keeps, in an order TRUNCATE accepts together. */
    public static final List<String> TABLES = List.of("portfolio_entry", "review", "exam_scorer", "exam_attempt",
            "section_comment",
            "supervision_provider", "endorsee", "reference", "application_view");

    private static final TypeReference<List<String>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<List<SectionComment>> COMMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<ExamPart>> PARTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<ExamPart, Double>> PART_SCORES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /** Writes an entry as its column keeps it; made once, as every entry of a rebuild or a replay is written. */
    private final ObjectWriter entryWriter;
    private final RowMapper<ApplicationView> row;

    private final TenantPolicies policies;

    ApplicationViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                     TenantPolicies policies) {
        this.jdbc = jdbc;
        this.json = json;
        this.entryWriter = json.writerFor(PortfolioEntry.class);
        this.policies = policies;
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


    /** The portfolio's entries by id, oldest first. */
    public Map<String, PortfolioEntry> portfolio(String applicationId) {
        Map<String, PortfolioEntry> entries = new LinkedHashMap<>();
        jdbc.query("SELECT entry_id, entry FROM portfolio_entry WHERE application_id = ? ORDER BY recorded_at, entry_id",
                rs -> {
                    entries.put(rs.getString("entry_id"), read(rs.getString("entry")));
                }, applicationId);
        return entries;
    }

    /**
     * For each of these endorsement numbers of a supervision provider, the periods in which it was endorsed: from the
     * day it was granted (or recorded from before the platform), closed by a lapse, revocation or inactivity and
     * opened again by a reactivation.
     */
    public Map<String, List<EndorsedPeriod>> providerPeriods(Collection<String> endorsementNumbers) {
        Map<String, List<EndorsedPeriod>> periods = new HashMap<>();
        for (String number : endorsementNumbers) {
            List<LocalDate> since = jdbc.query(
                    "SELECT endorsed_since FROM supervision_provider WHERE endorsement_number = ?",
                    (rs, n) -> rs.getDate("endorsed_since").toLocalDate(), number);
            if (since.isEmpty()) {
                continue;
            }
            List<EndorsedPeriod> found = new ArrayList<>();
            LocalDate openSince = since.get(0);
            for (Map<String, Object> change : jdbc.queryForList("""
                    SELECT changed_on, active FROM provider_standing WHERE endorsement_number = ?
                    ORDER BY changed_on, event_id""", number)) {
                LocalDate on = ((java.sql.Date) change.get("changed_on")).toLocalDate();
                boolean active = (Boolean) change.get("active");
                if (!active && openSince != null) {
                    found.add(new EndorsedPeriod(openSince, on));
                    openSince = null;
                } else if (active && openSince == null) {
                    openSince = on;
                }
            }
            if (openSince != null) {
                found.add(EndorsedPeriod.since(openSince));
            }
            periods.put(number, found);
        }
        return periods;
    }

    /** Records a change of standing an integration event reported; the same event twice changes nothing. */
    public void standingChanged(String eventId, String endorsementNumber, LocalDate on, boolean active) {
        jdbc.update("""
                INSERT INTO provider_standing (event_id, endorsement_number, changed_on, active)
                VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", eventId, endorsementNumber,
                Date.valueOf(on), active);
    }

    /** The application as its people see it, whatever the tenant: for callers that checked the tenant already. */
    public Optional<ApplicationView> find(String applicationId) {
        return jdbc.query("SELECT * FROM application_view WHERE application_id = ?", row, applicationId).stream()
                .findFirst();
    }

    /**
     * The application, if the actor may see it: staff of its tenant, or the applicant it belongs to.
     * Anyone else (another applicant, a role that is not staff) is told it does not exist.
     */
    public ApplicationView require(String applicationId, Actor actor) {
        List<ApplicationView> found = jdbc.query("SELECT * FROM application_view WHERE application_id = ? AND tenant_id = ?",
                row, applicationId, actor.tenantId());
        if (found.isEmpty() || !(actor.hasRole(Role.REVIEWER)
                || Visibility.staffOrOwner(actor, found.get(0).tenantId(), found.get(0).personId()))) {
            throw new UnknownResource("application", applicationId);
        }
        return found.get(0);
    }

    @EventHandler
    void on(ApplicationStarted event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO application_view (application_id, tenant_id, person_id, applicant_name, category, status,
                                              updated_at, contact_email, state_of_residence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (application_id) DO NOTHING""",
                event.applicationId(), event.tenantId(), event.personId(), event.applicantName(),
                event.category().abbreviation(), ApplicationStatus.DRAFT.name(), java.sql.Timestamp.from(at),
                event.contactEmail(), event.stateOfResidence());
    }

    @EventHandler
    void on(PortfolioEntryRecorded event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO portfolio_entry (application_id, entry_id, kind, entry, recorded_at)
                VALUES (?, ?, ?, ?::jsonb, ?)""", event.applicationId(), event.entryId(), PortfolioEntry.kindOf(event.entry()),
                write(event.entry()), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(PortfolioEntryCorrected event) {
        jdbc.update("UPDATE portfolio_entry SET entry = ?::jsonb WHERE application_id = ? AND entry_id = ?",
                write(event.entry()), event.applicationId(), event.entryId());
    }

    @EventHandler
    void on(PortfolioEntryRemoved event) {
        jdbc.update("DELETE FROM portfolio_entry WHERE application_id = ? AND entry_id = ?",
                event.applicationId(), event.entryId());
    }

    @EventHandler
    void on(ApplicationSubmitted event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE application_view SET status = ?, updated_at = ?, submitted_at = COALESCE(submitted_at, ?)
                WHERE application_id = ?""", ApplicationStatus.SUBMITTED.name(), java.sql.Timestamp.from(at),
                java.sql.Timestamp.from(at), event.applicationId());
        exam(event.applicationId(), event.requirements());
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
        endorsee(event.endorsementNumber(), event.tenantId(), event.personId(), event.endorseeName(),
                event.category(), policies.day(event.tenantId(), at));
        supervisionProvider(event.endorsementNumber(), event.tenantId(), event.category(), List.of(),
                policies.day(event.tenantId(), at));
    }

    private String write(PortfolioEntry entry) {
        try {
            return entryWriter.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a portfolio entry", e);
        }
    }

    private PortfolioEntry read(String entry) {
        try {
            return json.readValue(entry, PortfolioEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a portfolio entry", e);
        }
    }

    @EventHandler
    void on(ApplicationDenied event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("UPDATE application_view SET status = ?, reasons = ?::jsonb, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.DENIED.name(), json.writeValueAsString(event.reasons()),
                java.sql.Timestamp.from(at), event.applicationId());
    }

    @EventHandler
    void on(ApplicationWithdrawn event, @Timestamp Instant at) {
        status(event.applicationId(), ApplicationStatus.WITHDRAWN, at);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getType(), e);
        }
    }

    @EventHandler
    void on(ApplicationResubmitted event, @Timestamp Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, comments = NULL, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.IN_REVIEW.name(), java.sql.Timestamp.from(at), event.applicationId());
        exam(event.applicationId(), event.requirements());
        jdbc.update("UPDATE review SET decision = NULL, comments = '[]', recorded_at = NULL WHERE application_id = ?",
                event.applicationId());
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

    @EventHandler
    void on(PortfolioApproved event, @Timestamp Instant at) {
        status(event.applicationId(), ApplicationStatus.PORTFOLIO_APPROVED, at);
    }

    @EventHandler
    void on(ApplicationHeld event, @Timestamp Instant at) {
        status(event.applicationId(), ApplicationStatus.ON_HOLD, at);
    }

    @EventHandler
    void on(ApplicationReturned event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("UPDATE application_view SET status = ?, comments = ?::jsonb, updated_at = ? WHERE application_id = ?",
                ApplicationStatus.RETURNED.name(), json.writeValueAsString(event.comments()),
                java.sql.Timestamp.from(at), event.applicationId());
    }

    @EventHandler
    void on(ExamScheduled event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO exam_attempt (application_id, attempt, sitting_on, parts, pass_percent)
                VALUES (?, ?, ?, ?::jsonb, ?)""", event.applicationId(), event.attempt(),
                Date.valueOf(event.sittingOn()), json.writeValueAsString(event.parts()), event.passPercent());
        status(event.applicationId(), ApplicationStatus.EXAM_SCHEDULED, at);
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

    @EventHandler
    void on(ExamPassed event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                UPDATE exam_attempt SET result = 'PASSED', part_scores = ?::jsonb
                WHERE application_id = ? AND attempt = ?""", json.writeValueAsString(event.partScores()),
                event.applicationId(), event.attempt());
        status(event.applicationId(), ApplicationStatus.EXAM_PASSED, at);
    }

    @EventHandler
    void on(ExamFailed event, @Timestamp Instant at) throws JsonProcessingException {
        jdbc.update("""
                UPDATE exam_attempt SET result = 'FAILED', part_scores = ?::jsonb, retake_from = ?
                WHERE application_id = ? AND attempt = ?""", json.writeValueAsString(event.partScores()),
                Date.valueOf(event.retakeFrom()), event.applicationId(), event.attempt());
        status(event.applicationId(), ApplicationStatus.EXAM_FAILED, at);
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

    @EventHandler
    void on(SectionCommented event, @Timestamp Instant at, @MetaDataValue(AuditMetadata.SUBJECT) String author,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        jdbc.update("""
                INSERT INTO section_comment (application_id, comment_id, section, author, author_role, text, written_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", event.applicationId(), event.commentId(), event.section().name(),
                author, role, event.text(), java.sql.Timestamp.from(at));
    }

    public List<Map<String, Object>> comments(String applicationId) {
        return jdbc.query("SELECT * FROM section_comment WHERE application_id = ? ORDER BY written_at, comment_id",
                (rs, n) -> {
                    Map<String, Object> comment = new LinkedHashMap<>();
                    comment.put("section", rs.getString("section"));
                    comment.put("author", rs.getString("author"));
                    comment.put("role", rs.getString("author_role"));
                    comment.put("text", rs.getString("text"));
                    comment.put("writtenAt", rs.getTimestamp("written_at").toInstant());
                    return comment;
                }, applicationId);
    }

    @EventHandler
    void on(PriorEndorsementRecorded event) {
        endorsee(event.endorsementNumber(), event.tenantId(), event.subject(), event.name(), event.category(),
                event.endorsedSince());
        supervisionProvider(event.endorsementNumber(), event.tenantId(), event.category(), event.addOns(),
                event.endorsedSince());
    }

    /**
     * As {@link #endorsee}, with the address and the row's fingerprint, in one statement: an INSERT and then an UPDATE
     * of the same table for every imported endorsee would make a rebuild send them one event at a time.
     */
    @EventHandler
    void on(EndorsementImported event) {
        jdbc.update("""
                INSERT INTO endorsee (endorsement_number, tenant_id, subject, name, category, level, endorsed_since,
                                      email, import_fingerprint)
                VALUES (?, ?, COALESCE((SELECT subject FROM endorsee_claim WHERE endorsement_number = ?
                                        AND tenant_id = ?), ?), ?, ?, ?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO UPDATE SET email = EXCLUDED.email,
                                                               import_fingerprint = EXCLUDED.import_fingerprint""",
                event.endorsementNumber(), event.tenantId(), event.endorsementNumber(), event.tenantId(),
                event.personId(), event.name(), event.category().abbreviation(), event.category().level(),
                Date.valueOf(event.endorsedSince()), event.email(), event.fingerprint());
        supervisionProvider(event.endorsementNumber(), event.tenantId(), event.category(), event.addOns(),
                event.endorsedSince());
    }

    /**
     * Of these numbers, those the association already has (granted, recorded or imported), each with the fingerprint
     * of the row that imported it, empty for one that was not imported.
     */
    public Map<String, Optional<String>> heldNumbers(String tenantId, Collection<String> numbers) {
        Map<String, Optional<String>> held = new HashMap<>();
        jdbc.query("""
                SELECT endorsement_number, import_fingerprint FROM endorsee
                WHERE tenant_id = ? AND endorsement_number = ANY(?::varchar[])""",
                rs -> {
                    held.put(rs.getString(1), Optional.ofNullable(rs.getString(2)));
                }, tenantId, numbers.toArray(String[]::new));
        return held;
    }

    private void supervisionProvider(String number, String tenantId, Category category, List<AddOn> addOns,
                                     LocalDate since) {
        if (ReflectiveSupervisionProviders.provides(category, addOns)) {
            jdbc.update("""
                    INSERT INTO supervision_provider (endorsement_number, tenant_id, category, endorsed_since)
                    VALUES (?, ?, ?, ?) ON CONFLICT (endorsement_number) DO NOTHING""",
                    number, tenantId, category.abbreviation(), Date.valueOf(since));
        }
    }

    /** An endorsement its endorsee claimed is theirs, here and in every rebuild of this read model. */
    private void endorsee(String number, String tenantId, String subject, String name, Category category,
                          LocalDate since) {
        jdbc.update("""
                INSERT INTO endorsee (endorsement_number, tenant_id, subject, name, category, level, endorsed_since)
                VALUES (?, ?, COALESCE((SELECT subject FROM endorsee_claim WHERE endorsement_number = ?
                                        AND tenant_id = ?), ?), ?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO NOTHING""",
                number, tenantId, number, tenantId, subject, name, category.abbreviation(), category.level(),
                Date.valueOf(since));
    }

    /**
     * An endorsee claimed their endorsement (renewal-service's {@code EndorsementClaimed}): from now on it is held by
     * the subject they sign in with, so they review and provide supervision as themselves. The same report twice
     * changes nothing; one from another association than the endorsement's changes nothing either.
     */
    public void endorseeClaimed(String tenantId, String endorsementNumber, String subject, Instant claimedAt) {
        jdbc.update("""
                INSERT INTO endorsee_claim (endorsement_number, tenant_id, subject, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO UPDATE SET subject = EXCLUDED.subject,
                    claimed_at = EXCLUDED.claimed_at
                WHERE endorsee_claim.tenant_id = EXCLUDED.tenant_id""",
                endorsementNumber, tenantId, subject, java.sql.Timestamp.from(claimedAt));
        jdbc.update("UPDATE endorsee SET subject = ? WHERE endorsement_number = ? AND tenant_id = ?",
                subject, endorsementNumber, tenantId);
    }

    /**
     * The endorsements a person holds in the association, by the subject they sign in with, the highest first; each
     * with whether it stands on {@code day}: its latest change of standing on or before that day (a lapse,
     * revocation, hold or transfer away; a reactivation or renewal) says so, and none means it stands.
     */
    public List<HeldEndorsement> endorsementsOf(String tenantId, String subject, LocalDate day) {
        return jdbc.query("""
                SELECT e.endorsement_number, e.category, COALESCE((
                    SELECT s.active FROM provider_standing s
                    WHERE s.endorsement_number = e.endorsement_number AND s.changed_on <= ?
                    ORDER BY s.changed_on DESC, s.event_id DESC LIMIT 1), TRUE) AS active
                FROM endorsee e WHERE e.tenant_id = ? AND e.subject = ? AND e.endorsed_since <= ?
                ORDER BY e.level DESC, e.endorsed_since""",
                (rs, n) -> new HeldEndorsement(rs.getString("endorsement_number"),
                        Category.fromAbbreviation(rs.getString("category")), rs.getBoolean("active")),
                Date.valueOf(day), tenantId, subject, Date.valueOf(day));
    }

    /**
     * Every endorsement the association's endorsees hold, as {@link #endorsementsOf} tells each of them on
     * {@code day}, with the endorsee's name, by name.
     */
    public List<NamedEndorsement> endorsements(String tenantId, LocalDate day) {
        return jdbc.query("""
                SELECT e.subject, e.name, e.endorsement_number, e.category, COALESCE((
                    SELECT s.active FROM provider_standing s
                    WHERE s.endorsement_number = e.endorsement_number AND s.changed_on <= ?
                    ORDER BY s.changed_on DESC, s.event_id DESC LIMIT 1), TRUE) AS active
                FROM endorsee e WHERE e.tenant_id = ? AND e.endorsed_since <= ?
                ORDER BY e.name, e.subject, e.level DESC, e.endorsed_since""",
                (rs, n) -> new NamedEndorsement(rs.getString("subject"), rs.getString("name"),
                        new HeldEndorsement(rs.getString("endorsement_number"),
                                Category.fromAbbreviation(rs.getString("category")), rs.getBoolean("active"))),
                Date.valueOf(day), tenantId, Date.valueOf(day));
    }

    /** An endorsement, with the subject its endorsee signs in with and their name. */
    public record NamedEndorsement(String subject, String name, HeldEndorsement endorsement) {
    }

    /** The reviews of an application: who, and what they recorded so far. */
    public List<Map<String, Object>> reviews(String applicationId) {
        return jdbc.query("SELECT * FROM review WHERE application_id = ? ORDER BY reviewer", (rs, n) -> {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("reviewer", rs.getString("reviewer"));
            review.put("endorsementNumber", rs.getString("endorsement_number"));
            review.put("decision", rs.getString("decision"));
            review.put("comments", read(rs.getString("comments"), COMMENTS));
            review.put("recordedAt", rs.getTimestamp("recorded_at") == null ? null
                    : rs.getTimestamp("recorded_at").toInstant());
            return review;
        }, applicationId);
    }

    /** Applications a reviewer is assigned to and that still wait for review, the longest waiting first. */
    public List<ApplicationView> assignedTo(String tenantId, String reviewer) {
        return jdbc.query("""
                SELECT a.* FROM application_view a JOIN review r ON r.application_id = a.application_id
                WHERE a.tenant_id = ? AND r.reviewer = ? AND a.status IN ('IN_REVIEW', 'ON_HOLD')
                ORDER BY a.updated_at, a.application_id""", row, tenantId, reviewer);
    }

    /** Whether the application's category has an exam, by the requirements it was (again) handed in under. */
    private void exam(String applicationId, CategoryRequirements requirements) {
        if (requirements != null) {
            jdbc.update("UPDATE application_view SET exam = ? WHERE application_id = ?", requirements.exam(),
                    applicationId);
        }
    }

    private void status(String applicationId, ApplicationStatus status, Instant at) {
        jdbc.update("UPDATE application_view SET status = ?, updated_at = ? WHERE application_id = ?",
                status.name(), java.sql.Timestamp.from(at), applicationId);
    }
}
