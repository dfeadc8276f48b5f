package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervision confirmations' part of the application read model ({@code supervision_confirmation}): what each
 * provider was asked, and whether they confirmed the sessions as logged or corrected them.
 */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
class SupervisionViews {

    /** Where a request to a provider stands. */
    enum Status {
        REQUESTED, CONFIRMED, CORRECTED
    }

    /** A request as the applicant, staff and assigned reviewers read it. */
    record ConfirmationView(String confirmationId, String applicationId, String tenantId,
                            String providerEndorsementNumber, String providerName, String providerEmail,
                            List<String> entryIds, Status status, List<SessionCorrection> corrections,
                            Instant linkExpiresAt, Instant requestedAt, Instant answeredAt) {
    }

    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };
    private static final TypeReference<List<SessionCorrection>> CORRECTIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<ConfirmationView> row;

    SupervisionViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new ConfirmationView(rs.getString("confirmation_id"), rs.getString("application_id"),
                rs.getString("tenant_id"), rs.getString("provider_number"), rs.getString("provider_name"),
                rs.getString("provider_email"), read(rs.getString("entry_ids"), IDS),
                Status.valueOf(rs.getString("status")), read(rs.getString("corrections"), CORRECTIONS),
                rs.getTimestamp("link_expires_at").toInstant(), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant());
    }

    List<ConfirmationView> ofApplication(String applicationId) {
        return jdbc.query("SELECT * FROM supervision_confirmation WHERE application_id = ? "
                + "ORDER BY requested_at, confirmation_id", row, applicationId);
    }

    Optional<ConfirmationView> find(String confirmationId) {
        return jdbc.query("SELECT * FROM supervision_confirmation WHERE confirmation_id = ?", row, confirmationId)
                .stream().findFirst();
    }

    /**
     * Each supervision entry's latest answer from its provider (CONFIRMED or CORRECTED), or REQUESTED while one is
     * asked and none answered: what the portfolio shows beside the entry.
     */
    Map<String, Status> statusByEntry(String applicationId) {
        Map<String, Status> byEntry = new HashMap<>();
        for (ConfirmationView confirmation : ofApplication(applicationId)) {
            for (String entryId : confirmation.entryIds()) {
                Status status = confirmation.status() == Status.CORRECTED && confirmation.corrections().stream()
                        .noneMatch(correction -> correction.entryId().equals(entryId))
                        ? Status.CONFIRMED : confirmation.status();
                byEntry.merge(entryId, status, (earlier, later) -> later == Status.REQUESTED ? earlier : later);
            }
        }
        return byEntry;
    }

    @EventHandler
    void on(SupervisionConfirmationRequested event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO supervision_confirmation (confirmation_id, application_id, tenant_id, provider_number,
                    provider_name, provider_email, entry_ids, status, link_expires_at, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (confirmation_id) DO NOTHING""",
                event.confirmationId(), event.applicationId(), event.tenantId(), event.providerEndorsementNumber(),
                event.providerName(), event.providerEmail(), write(event.entryIds()), Status.REQUESTED.name(),
                java.sql.Timestamp.from(event.linkExpiresAt()), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(SupervisionConfirmed event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE supervision_confirmation SET status = ?, corrections = ?::jsonb, answered_at = ?
                WHERE confirmation_id = ?""",
                (event.corrections().isEmpty() ? Status.CONFIRMED : Status.CORRECTED).name(),
                write(event.corrections()), java.sql.Timestamp.from(at), event.confirmationId());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value, e);
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
