package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.Visibility;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementFeePaid;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementRequested;
import org.iecmh.endorsement.renewal.reminders.EmailAddressRecorded;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;
import org.iecmh.endorsement.renewal.transfer.TransferRequested;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.schedule.RenewalWindowOpened;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeeCharged;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeePaid;
import org.iecmh.endorsement.renewal.submission.RenewalReturned;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;
import java.util.List;

/** Endorsements as endorsees and staff look them up; updated in the transaction that stores the events. */
@Component
@ProcessingGroup("endorsement-view")
public class EndorsementViews {

    private static final RowMapper<EndorsementView> ROW = (rs, n) -> new EndorsementView(
            rs.getString("endorsement_number"), rs.getString("tenant_id"), rs.getString("person_id"),
            rs.getString("endorsee_name"), rs.getString("category"), rs.getString("status"),
            rs.getDate("endorsed_since").toLocalDate(), rs.getDate("valid_through").toLocalDate(),
            rs.getDate("status_since") == null ? null : rs.getDate("status_since").toLocalDate(),
            rs.getString("renewal"), rs.getString("email_address"), rs.getString("transfer_to"),
            rs.getString("late_fee"), rs.getString("late_fee_invoice_id"));

    /** The roles that see every endorsement of their tenant; the endorsee (APPLICANT or ENDORSEE) sees their own. */

    private final JdbcTemplate jdbc;

    EndorsementViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An endorsement waiting to be transferred to the actor's association, as its coordinator sees it. */
    public EndorsementView requireTransferringTo(String endorsementNumber, Actor actor) {
        List<EndorsementView> found = jdbc.query(
                "SELECT * FROM endorsement_view WHERE endorsement_number = ? AND transfer_to = ?",
                ROW, endorsementNumber, actor.tenantId());
        if (found.isEmpty()) {
            throw new UnknownResource("endorsement", endorsementNumber);
        }
        return found.get(0);
    }

    /** The person's endorsements in the association that are active, oldest first. */
    public List<String> activeEndorsementsOf(String tenantId, String personId) {
        return jdbc.queryForList("""
                SELECT endorsement_number FROM endorsement_view WHERE tenant_id = ? AND person_id = ? AND status = 'ACTIVE'
                ORDER BY endorsed_since, endorsement_number""", String.class, tenantId, personId);
    }

    /** The endorsement as its people see it, whatever the tenant: for callers that checked the tenant already. */
    public Optional<EndorsementView> find(String endorsementNumber) {
        return jdbc.query("SELECT * FROM endorsement_view WHERE endorsement_number = ?", ROW, endorsementNumber)
                .stream().findFirst();
    }

    /**
     * The endorsement, for staff of its tenant, for the coordinators of the association it waits to be transferred
     * to, and for its endorsee wherever it is now (after a transfer, the endorsee still signs in with the association
     * they were endorsed by); anyone else is told it does not exist.
     */
    public EndorsementView require(String endorsementNumber, Actor actor) {
        Optional<EndorsementView> found = find(endorsementNumber);
        if (found.isEmpty()) {
            throw new UnknownResource("endorsement", endorsementNumber);
        }
        EndorsementView endorsement = found.get();
        boolean receiving = actor.hasRole(Role.COORDINATOR) && actor.tenantId().equals(endorsement.transferTo());
        if (!receiving && !Visibility.staffOrOwner(actor, endorsement.tenantId(), endorsement.personId())) {
            throw new UnknownResource("endorsement", endorsementNumber);
        }
        return endorsement;
    }

    /**
     * The actor as they act on the endorsement: in the association that holds it now. Staff act in their own
     * association, which holds it; the endorsee acts in the one it was transferred to even when they signed in with
     * the one that endorsed them, so the endorsement's commands and events stay in its own association.
     */
    public Actor actingOn(EndorsementView endorsement, Actor actor) {
        boolean endorsee = !actor.role().staff() && endorsement.personId().equals(actor.subject());
        return endorsee ? new Actor(endorsement.tenantId(), actor.subject(), actor.role(), actor.correlationId(),
                actor.verifiedEmail(), actor.language()) : actor;
    }

    /** The person's endorsements wherever they are now (a transfer keeps them the endorsee's), oldest first. */
    public List<EndorsementView> heldBy(String personId) {
        return jdbc.query("""
                SELECT * FROM endorsement_view WHERE person_id = ? ORDER BY endorsed_since, endorsement_number""",
                ROW, personId);
    }

    /** The association's endorsements still held by this email address, which its owner may claim. */
    public List<EndorsementView> claimableBy(String tenantId, String email) {
        return jdbc.query("""
                SELECT * FROM endorsement_view WHERE tenant_id = ? AND person_id = ?
                ORDER BY endorsed_since, endorsement_number""", ROW, tenantId, EndorsementImported.personOf(email));
    }

    /** The endorsements waiting to be transferred to the association, oldest request first. */
    public List<EndorsementView> transfersTo(String tenantId) {
        return jdbc.query("""
                SELECT * FROM endorsement_view WHERE transfer_to = ? ORDER BY transfer_requested_on, endorsement_number""",
                ROW, tenantId);
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
    void on(RenewalWindowOpened event) {
        renewal(event.endorsementNumber(), "WINDOW_OPEN");
    }

    @EventHandler
    void on(RenewalSubmitted event) {
        renewal(event.endorsementNumber(), "SUBMITTED");
    }

    @EventHandler
    void on(RenewalReturned event) {
        renewal(event.endorsementNumber(), "RETURNED");
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
        jdbc.update("UPDATE endorsement_view SET valid_through = ?, renewal = NULL, late_fee = NULL, "
                + "late_fee_invoice_id = NULL WHERE endorsement_number = ?",
                Date.valueOf(event.validThrough()), event.endorsementNumber());
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

    @EventHandler
    void on(ReinstatementRequested event) {
        renewal(event.endorsementNumber(), event.feeCharged() ? "REINSTATEMENT_FEE_DUE" : "REINSTATEMENT_REQUESTED");
    }

    @EventHandler
    void on(ReinstatementFeePaid event) {
        renewal(event.endorsementNumber(), "REINSTATEMENT_REQUESTED");
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
                                            valid_through = ?, renewal = NULL
                WHERE endorsement_number = ?""", event.toTenantId(), Date.valueOf(event.validThrough()),
                event.endorsementNumber());
    }

    @EventHandler
    void on(EndorsementClaimed event) {
        jdbc.update("UPDATE endorsement_view SET person_id = ? WHERE endorsement_number = ?", event.personId(),
                event.endorsementNumber());
    }

    @EventHandler
    void on(EmailAddressRecorded event) {
        jdbc.update("UPDATE endorsement_view SET email_address = ? WHERE endorsement_number = ?",
                event.emailAddress(), event.endorsementNumber());
    }

    private void status(String number, EndorsementStatus status, LocalDate since) {
        jdbc.update("UPDATE endorsement_view SET status = ?, status_since = ?, renewal = NULL "
                + "WHERE endorsement_number = ?", status.name(), Date.valueOf(since), number);
        if (status == EndorsementStatus.LAPSED || status == EndorsementStatus.REVOKED) {
            // The cycle a late fee was charged for is over.
            jdbc.update("UPDATE endorsement_view SET late_fee = NULL, late_fee_invoice_id = NULL "
                    + "WHERE endorsement_number = ?", number);
        }
    }

    private void renewal(String number, String renewal) {
        jdbc.update("UPDATE endorsement_view SET renewal = ? WHERE endorsement_number = ?", renewal, number);
    }
}
