package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;

/**
 * The endorsement view's row, begun with the endorsement, and its status as it lapses, is held, returns or is
 * revoked.
 */
@Component
@ProcessingGroup(EndorsementViewProjection.PROCESSING_GROUP)
class LifecycleProjection implements EndorsementViewProjection {

    private final JdbcTemplate jdbc;

    LifecycleProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EndorsementActivated event) {
        jdbc.update("""
                INSERT INTO endorsement_view (endorsement_number, tenant_id, person_id, endorsee_name, category,
                                              status, endorsed_since, valid_through, status_since)
                VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?) ON CONFLICT (endorsement_number) DO NOTHING""",
                event.endorsementNumber(), event.tenantId(), event.personId(), event.endorseeName(),
                event.category(), Date.valueOf(event.endorsedSince()), Date.valueOf(event.validThrough()),
                Date.valueOf(event.endorsedSince()));
    }

    @EventHandler
    void on(EndorsementLapsed event) {
        status(event.endorsementNumber(), EndorsementStatus.LAPSED, event.lapsedOn());
    }

    @EventHandler
    void on(EndorsementRevoked event) {
        status(event.endorsementNumber(), EndorsementStatus.REVOKED, event.revokedOn());
    }

    @EventHandler
    void on(EndorsementInactivated event) {
        status(event.endorsementNumber(), EndorsementStatus.INACTIVE, event.inactiveSince());
    }

    @EventHandler
    void on(EndorsementReactivated event) {
        status(event.endorsementNumber(), EndorsementStatus.ACTIVE, event.reactivatedOn());
        jdbc.update("UPDATE endorsement_view SET valid_through = ? WHERE endorsement_number = ?",
                Date.valueOf(event.validThrough()), event.endorsementNumber());
    }

    private void status(String number, EndorsementStatus status, LocalDate since) {
        jdbc.update("UPDATE endorsement_view SET status = ?, status_since = ?, renewal = NULL, renewal_comments = NULL "
                + "WHERE endorsement_number = ?", status.name(), Date.valueOf(since), number);
        if (status == EndorsementStatus.LAPSED || status == EndorsementStatus.REVOKED) {
            // The cycle a late fee was charged for is over.
            jdbc.update("UPDATE endorsement_view SET late_fee = NULL, late_fee_invoice_id = NULL "
                    + "WHERE endorsement_number = ?", number);
        }
    }
}
