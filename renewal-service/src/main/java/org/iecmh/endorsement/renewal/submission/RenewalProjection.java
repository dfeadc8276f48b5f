package org.iecmh.endorsement.renewal.submission;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.iecmh.endorsement.renewal.schedule.RenewalWindowOpened;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;

/** Where the current cycle's renewal stands in the endorsement view, its late fee, and the valid-through it gives. */
@Component
@ProcessingGroup(EndorsementViewProjection.PROCESSING_GROUP)
class RenewalProjection implements EndorsementViewProjection {

    private final JdbcTemplate jdbc;

    RenewalProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RenewalWindowOpened event) {
        renewal(event.endorsementNumber(), "WINDOW_OPEN");
    }

    @EventHandler
    void on(RenewalSubmitted event) {
        renewal(event.endorsementNumber(), "SUBMITTED");
    }

    @EventHandler
    void on(RenewalReturned event) {
        jdbc.update("UPDATE endorsement_view SET renewal = 'RETURNED', renewal_comments = ? WHERE endorsement_number = ?",
                event.comments(), event.endorsementNumber());
    }

    @EventHandler
    void on(LateRenewalFeeCharged event) {
        jdbc.update("UPDATE endorsement_view SET late_fee = 'DUE', late_fee_invoice_id = ? WHERE endorsement_number = ?",
                event.invoiceId(), event.endorsementNumber());
    }

    @EventHandler
    void on(LateRenewalFeePaid event) {
        jdbc.update("UPDATE endorsement_view SET late_fee = 'PAID' WHERE endorsement_number = ?",
                event.endorsementNumber());
    }

    @EventHandler
    void on(EndorsementRenewed event) {
        jdbc.update("UPDATE endorsement_view SET valid_through = ?, renewal = NULL, renewal_comments = NULL, "
                + "late_fee = NULL, late_fee_invoice_id = NULL WHERE endorsement_number = ?",
                Date.valueOf(event.validThrough()), event.endorsementNumber());
    }

    private void renewal(String number, String renewal) {
        jdbc.update("UPDATE endorsement_view SET renewal = ?, renewal_comments = NULL WHERE endorsement_number = ?",
                renewal, number);
    }
}
