package org.iecmh.endorsement.renewal.transfer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;

/** A transfer waiting for the receiving association in the endorsement view, and the endorsement moved. */
@Component
@ProcessingGroup(EndorsementViewProjection.PROCESSING_GROUP)
class TransferProjection implements EndorsementViewProjection {

    private final JdbcTemplate jdbc;

    TransferProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TransferRequested event) {
        jdbc.update("UPDATE endorsement_view SET transfer_to = ?, transfer_requested_on = ? WHERE endorsement_number = ?",
                event.toTenantId(), Date.valueOf(event.requestedOn()), event.endorsementNumber());
    }

    @EventHandler
    void on(EndorsementTransferred event) {
        jdbc.update("""
                UPDATE endorsement_view SET tenant_id = ?, transfer_to = NULL, transfer_requested_on = NULL,
                                            valid_through = ?, renewal = NULL, renewal_comments = NULL
                WHERE endorsement_number = ?""", event.toTenantId(), Date.valueOf(event.validThrough()),
                event.endorsementNumber());
    }
}
