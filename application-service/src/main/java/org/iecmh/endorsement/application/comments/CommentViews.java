package org.iecmh.endorsement.application.comments;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comments' part of the application read model: who wrote what about which section ({@code section_comment}). */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class CommentViews {

    private final JdbcTemplate jdbc;

    CommentViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SectionCommented event, @Timestamp Instant at, @MetaDataValue(AuditMetadata.SUBJECT) String author,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        jdbc.update("""
                INSERT INTO section_comment (application_id, comment_id, section, author, author_role, text, written_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", event.applicationId(), event.commentId(), event.section().name(),
                author, role, event.text(), java.sql.Timestamp.from(at));
    }

    /** The application's comments, the oldest first. */
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
}
