package org.iecmh.endorsement.renewal.reminders;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where the endorsee's reminders go, in the endorsement view. */
@Component
@ProcessingGroup(EndorsementViewProjection.PROCESSING_GROUP)
class EmailAddressProjection implements EndorsementViewProjection {

    private final JdbcTemplate jdbc;

    EmailAddressProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EmailAddressRecorded event) {
        jdbc.update("UPDATE endorsement_view SET email_address = ? WHERE endorsement_number = ?",
                event.emailAddress(), event.endorsementNumber());
    }
}
