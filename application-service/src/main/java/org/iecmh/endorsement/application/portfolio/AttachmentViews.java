package org.iecmh.endorsement.application.portfolio;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.audit.PersonFiles;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The attachments' part of the application read model ({@code attachment}), and the person's files their signed
 * export carries: every file ever attached to their applications, removed ones too, since the history names them.
 */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
class AttachmentViews implements PersonFiles {

    /** An attachment as its readers see it. */
    record AttachmentView(String attachmentId, String entryId, String fileName, String contentType, long size,
                          String sha256, Instant attachedAt, String attachedBy) {
    }

    private static final String AUDITED_KIND = "applications";

    private final JdbcTemplate jdbc;
    private final RowMapper<AttachmentView> view = (rs, n) -> new AttachmentView(rs.getString("attachment_id"),
            rs.getString("entry_id"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size"),
            rs.getString("sha256"), rs.getTimestamp("attached_at").toInstant(), rs.getString("attached_by"));

    AttachmentViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The application's attachments, oldest first. */
    List<AttachmentView> ofApplication(String applicationId) {
        return jdbc.query("""
                SELECT * FROM attachment WHERE application_id = ? AND removed_at IS NULL
                ORDER BY attached_at, attachment_id""", view, applicationId);
    }

    Optional<AttachmentView> find(String applicationId, String attachmentId) {
        return jdbc.query("SELECT * FROM attachment WHERE application_id = ? AND attachment_id = ? "
                + "AND removed_at IS NULL", view, applicationId, attachmentId).stream().findFirst();
    }

    /** What the event recorded of the attachment's file, to read it back from the store. */
    Optional<StoredFile> storedFile(String applicationId, String attachmentId) {
        return jdbc.query("SELECT * FROM attachment WHERE application_id = ? AND attachment_id = ? "
                + "AND removed_at IS NULL", (rs, n) -> stored(rs), applicationId, attachmentId).stream().findFirst();
    }

    /** Whether an attachment (removed or not) records the object: it must then stay in the store. */
    boolean records(String objectKey) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM attachment WHERE object_key = ?", Integer.class,
                objectKey);
        return count != null && count > 0;
    }

    @Override
    public List<PersonFile> files(String kind, String tenantId, String personId) {
        if (!AUDITED_KIND.equals(kind)) {
            return List.of();
        }
        return jdbc.query("""
                SELECT f.* FROM attachment f JOIN application_view a ON a.application_id = f.application_id
                WHERE a.tenant_id = ? AND a.person_id = ? ORDER BY f.application_id, f.attached_at, f.attachment_id""",
                (rs, n) -> new PersonFile(rs.getString("application_id") + "/" + rs.getString("attachment_id") + "-"
                        + rs.getString("file_name").replaceAll("[^A-Za-z0-9._-]", "_"), stored(rs)),
                tenantId, personId);
    }

    private static StoredFile stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredFile(rs.getString("object_key"), rs.getLong("size"), rs.getString("content_type"),
                rs.getString("sha256"));
    }

    /** The same file attached again after it was removed takes its id again: the row is attached anew. */
    @EventHandler
    void on(FileAttached event, @Timestamp Instant at, @MetaDataValue(AuditMetadata.SUBJECT) String subject) {
        StoredFile file = event.file();
        jdbc.update("""
                INSERT INTO attachment (application_id, attachment_id, entry_id, tenant_id, file_name, object_key, size,
                                        content_type, sha256, attached_at, attached_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (application_id, attachment_id) DO UPDATE SET entry_id = EXCLUDED.entry_id,
                    file_name = EXCLUDED.file_name, object_key = EXCLUDED.object_key, size = EXCLUDED.size,
                    content_type = EXCLUDED.content_type, sha256 = EXCLUDED.sha256,
                    attached_at = EXCLUDED.attached_at, attached_by = EXCLUDED.attached_by, removed_at = NULL""",
                event.applicationId(), event.attachmentId(), event.entryId(), event.tenantId(), event.fileName(),
                file.objectKey(), file.size(), file.contentType(), file.sha256(), java.sql.Timestamp.from(at),
                subject);
    }

    @EventHandler
    void on(AttachmentRemoved event, @Timestamp Instant at) {
        jdbc.update("UPDATE attachment SET removed_at = ? WHERE application_id = ? AND attachment_id = ?",
                java.sql.Timestamp.from(at), event.applicationId(), event.attachmentId());
    }
}
