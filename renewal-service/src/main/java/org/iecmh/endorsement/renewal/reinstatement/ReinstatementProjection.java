package org.iecmh.endorsement.renewal.reinstatement;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where a reinstatement under way stands in the endorsement view: waiting for its fee, or for the coordinator. */
@Component
@ProcessingGroup(EndorsementViewProjection.PROCESSING_GROUP)
class ReinstatementProjection implements EndorsementViewProjection {

    private final JdbcTemplate jdbc;

    ReinstatementProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReinstatementRequested event) {
        renewal(event.endorsementNumber(), event.feeCharged() ? "REINSTATEMENT_FEE_DUE" : "REINSTATEMENT_REQUESTED");
    }

    @EventHandler
    void on(ReinstatementFeePaid event) {
        renewal(event.endorsementNumber(), "REINSTATEMENT_REQUESTED");
    }

    private void renewal(String number, String renewal) {
        jdbc.update("UPDATE endorsement_view SET renewal = ? WHERE endorsement_number = ?", renewal, number);
    }
}
