package org.iecmh.endorsement.renewal.endorsementfile;

import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.kit.web.Visibility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Endorsements as endorsees and staff look them up, and who may see and act on each: the read side every feature
 * shares. The features' projections ({@link EndorsementViewProjection}) keep its table in the transaction that stores
 * the events.
 */
@Component
public class EndorsementFile {

    private static final RowMapper<EndorsementView> ROW = (rs, n) -> new EndorsementView(
            rs.getString("endorsement_number"), rs.getString("tenant_id"), rs.getString("person_id"),
            rs.getString("endorsee_name"), rs.getString("category"), rs.getString("status"),
            rs.getDate("endorsed_since").toLocalDate(), rs.getDate("valid_through").toLocalDate(),
            rs.getDate("status_since") == null ? null : rs.getDate("status_since").toLocalDate(),
            rs.getString("renewal"), rs.getString("email_address"), rs.getString("transfer_to"),
            rs.getString("late_fee"), rs.getString("late_fee_invoice_id"), rs.getString("renewal_comments"));

    private final JdbcTemplate jdbc;

    EndorsementFile(JdbcTemplate jdbc) {
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
}
