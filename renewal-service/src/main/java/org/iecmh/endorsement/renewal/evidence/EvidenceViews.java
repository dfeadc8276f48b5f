package org.iecmh.endorsement.renewal.evidence;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The evidence of renewals and their audits as people read them ({@code renewal_evidence}, {@code renewal_audit}),
 * kept by a subscribing processor of its own in the transaction that stores the events, and rebuilt from the event
 * store as the read model {@value #PROCESSING_GROUP}. Callers check who may see the endorsement first.
 */
@Component
@ProcessingGroup(EvidenceViews.PROCESSING_GROUP)
public class EvidenceViews {

    static final String PROCESSING_GROUP = "renewal-evidence";

    /** An item of evidence as the endorsee and staff see it; {@code state} is an {@link Evidence.ItemState}. */
    public record EvidenceItem(String attachmentId, String endorsementNumber, LocalDate validThrough, int year,
                               String fileName, long size, String contentType, String sha256, String attachedBy,
                               Instant attachedAt, String state, String returnReason, String replaces) {
    }

    /** A renewal's audit: drawn with {@code draw} against {@code auditPercent}; {@code OPEN} until closed. */
    public record RenewalAudit(String endorsementNumber, LocalDate validThrough, int auditPercent, int draw,
                               LocalDate sampledOn, String state, LocalDate closedOn) {
    }

    /** The evidence of an endorsement's current cycle, and its audit if the renewal was sampled. */
    public record CycleEvidence(String endorsementNumber, LocalDate validThrough, RenewalAudit audit,
                                List<EvidenceItem> items) {
    }

    /** An audit that waits for the coordinator or the endorsee, with its items counted by where they stand. */
    public record OpenAudit(String endorsementNumber, String endorseeName, String category, LocalDate validThrough,
                            LocalDate sampledOn, int awaitingReview, int returned, int accepted) {
    }

    /** Where a file lies and what it must be, to be read back from the store. */
    record Kept(String storedIn, StoredFile file, String fileName) {
    }

    private static final RowMapper<EvidenceItem> ITEM = (rs, n) -> new EvidenceItem(rs.getString("attachment_id"),
            rs.getString("endorsement_number"), rs.getDate("valid_through").toLocalDate(), rs.getInt("year"),
            rs.getString("file_name"), rs.getLong("size"), rs.getString("content_type"), rs.getString("sha256"),
            rs.getString("attached_by"), rs.getTimestamp("attached_at").toInstant(), rs.getString("state"),
            rs.getString("return_reason"), rs.getString("replaces"));

    private static final RowMapper<RenewalAudit> AUDIT = (rs, n) -> new RenewalAudit(
            rs.getString("endorsement_number"), rs.getDate("valid_through").toLocalDate(), rs.getInt("audit_percent"),
            rs.getInt("draw"), rs.getDate("sampled_on").toLocalDate(), rs.getString("state"),
            rs.getDate("closed_on") == null ? null : rs.getDate("closed_on").toLocalDate());

    private final JdbcTemplate jdbc;

    EvidenceViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EvidenceAttached event, @org.axonframework.eventhandling.Timestamp Instant at,
            @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO renewal_evidence (attachment_id, endorsement_number, sequence_number, valid_through, year,
                    file_name, object_key, size, content_type, sha256, stored_in, attached_by, attached_at, state,
                    replaces)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ATTACHED', ?)
                ON CONFLICT (attachment_id) DO NOTHING""",
                event.attachmentId(), event.endorsementNumber(), sequence, Date.valueOf(event.validThrough()),
                event.year(), event.fileName(), event.file().objectKey(), event.file().size(),
                event.file().contentType(), event.file().sha256(), event.storedIn(), event.attachedBy(),
                // To the millisecond, as the event store keeps an event's time: a rebuilt row is the row kept live.
                Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS)), event.replaces());
        if (event.replaces() != null) {
            state(event.replaces(), Evidence.ItemState.REPLACED);
        }
    }

    @EventHandler
    void on(EvidenceAccepted event) {
        state(event.attachmentId(), Evidence.ItemState.ACCEPTED);
    }

    @EventHandler
    void on(EvidenceReturned event) {
        jdbc.update("UPDATE renewal_evidence SET state = ?, return_reason = ? WHERE attachment_id = ?",
                Evidence.ItemState.RETURNED.name(), event.reason(), event.attachmentId());
    }

    @EventHandler
    void on(RenewalSampled event) {
        jdbc.update("""
                INSERT INTO renewal_audit (endorsement_number, valid_through, audit_percent, draw, sampled_on, state)
                VALUES (?, ?, ?, ?, ?, 'OPEN') ON CONFLICT DO NOTHING""",
                event.endorsementNumber(), Date.valueOf(event.validThrough()), event.auditPercent(), event.draw(),
                Date.valueOf(event.sampledOn()));
    }

    @EventHandler
    void on(RenewalAuditClosed event) {
        jdbc.update("""
                UPDATE renewal_audit SET state = 'CLOSED', closed_on = ?
                WHERE endorsement_number = ? AND valid_through = ?""",
                Date.valueOf(event.closedOn()), event.endorsementNumber(), Date.valueOf(event.validThrough()));
    }

    private void state(String attachmentId, Evidence.ItemState state) {
        jdbc.update("UPDATE renewal_evidence SET state = ? WHERE attachment_id = ?", state.name(), attachmentId);
    }

    /** The evidence of the cycle that closes on {@code validThrough}, oldest first, and its audit. */
    public CycleEvidence of(String endorsementNumber, LocalDate validThrough) {
        List<EvidenceItem> items = jdbc.query("""
                SELECT * FROM renewal_evidence WHERE endorsement_number = ? AND valid_through = ?
                ORDER BY sequence_number""", ITEM, endorsementNumber, Date.valueOf(validThrough));
        RenewalAudit audit = jdbc.query(
                "SELECT * FROM renewal_audit WHERE endorsement_number = ? AND valid_through = ?",
                AUDIT, endorsementNumber, Date.valueOf(validThrough)).stream().findFirst().orElse(null);
        return new CycleEvidence(endorsementNumber, validThrough, audit, items);
    }

    /** An item of the endorsement's evidence, of any cycle. */
    public Optional<EvidenceItem> item(String endorsementNumber, String attachmentId) {
        return jdbc.query("SELECT * FROM renewal_evidence WHERE endorsement_number = ? AND attachment_id = ?", ITEM,
                endorsementNumber, attachmentId).stream().findFirst();
    }

    /** Where the file of an item of the endorsement lies, and what it must be. */
    Optional<Kept> kept(String endorsementNumber, String attachmentId) {
        return jdbc.query("SELECT * FROM renewal_evidence WHERE endorsement_number = ? AND attachment_id = ?",
                (rs, n) -> new Kept(rs.getString("stored_in"), new StoredFile(rs.getString("object_key"),
                        rs.getLong("size"), rs.getString("content_type"), rs.getString("sha256")),
                        rs.getString("file_name")), endorsementNumber, attachmentId).stream().findFirst();
    }

    /** The audits open in the association, oldest draw first, with their items counted. */
    public List<OpenAudit> openIn(String tenantId) {
        return jdbc.query("""
                SELECT a.endorsement_number, v.endorsee_name, v.category, a.valid_through, a.sampled_on,
                    count(e.*) FILTER (WHERE e.state = 'ATTACHED') AS awaiting,
                    count(e.*) FILTER (WHERE e.state = 'RETURNED') AS returned,
                    count(e.*) FILTER (WHERE e.state = 'ACCEPTED') AS accepted
                FROM renewal_audit a
                JOIN endorsement_view v ON v.endorsement_number = a.endorsement_number
                LEFT JOIN renewal_evidence e ON e.endorsement_number = a.endorsement_number
                    AND e.valid_through = a.valid_through
                WHERE a.state = 'OPEN' AND v.tenant_id = ?
                GROUP BY a.endorsement_number, v.endorsee_name, v.category, a.valid_through, a.sampled_on
                ORDER BY a.sampled_on, a.endorsement_number""",
                (rs, n) -> new OpenAudit(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getInt(6), rs.getInt(7),
                        rs.getInt(8)), tenantId);
    }

    /** Operators rebuild the read model from the event store (service-kit's read-model API). */
    @Configuration
    static class AsReadModel {
        @Bean
        ReadModel renewalEvidenceReadModel(EvidenceViews views) {
            return new ReadModel(PROCESSING_GROUP, List.of("renewal_evidence", "renewal_audit"), List.of(views));
        }
    }
}
