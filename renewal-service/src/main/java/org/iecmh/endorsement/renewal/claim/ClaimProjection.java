package org.iecmh.endorsement.renewal.claim;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A claimed endorsement is its new holder's in the endorsement view. */
@Component
@ProcessingGroup(EndorsementViewProjection.PROCESSING_GROUP)
class ClaimProjection implements EndorsementViewProjection {

    private final JdbcTemplate jdbc;

    ClaimProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EndorsementClaimed event) {
        jdbc.update("UPDATE endorsement_view SET person_id = ? WHERE endorsement_number = ?", event.personId(),
                event.endorsementNumber());
    }
}
