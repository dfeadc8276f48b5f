package org.iecmh.endorsement.renewal.activity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementActivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementImported;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementRevoked;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * Who was an endorsed reflective supervision provider, and when: kept from this service's own record of grants
 * (every {@code EndorsementGranted} becomes an endorsement here) and of lapses, holds and revocations, so that no
 * other service is asked at the moment a session is logged.
 */
@Component
@ProcessingGroup("reflective-supervision-providers")
public class ReflectiveSupervisionProviders {

    private final JdbcTemplate jdbc;

    ReflectiveSupervisionProviders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The provider with this endorsement number if they were endorsed as one on {@code day}, otherwise null. */
    public ReflectiveSupervisionProvider endorsedOn(String endorsementNumber, LocalDate day) {
        List<ReflectiveSupervisionProvider> found = jdbc.query("""
                SELECT endorsement_number, person_id, category FROM provider_period
                WHERE endorsement_number = ? AND from_on <= ? AND (to_on IS NULL OR to_on > ?)""",
                (rs, n) -> new ReflectiveSupervisionProvider(rs.getString(1), rs.getString(2), rs.getString(3)),
                endorsementNumber, Date.valueOf(day), Date.valueOf(day));
        return found.isEmpty() ? null : found.get(0);
    }

    @EventHandler
    void on(EndorsementActivated event) {
        if (org.iecmh.endorsement.contracts.ReflectiveSupervisionProviders.provides(event.category())) {
            jdbc.update("""
                    INSERT INTO provider_period (endorsement_number, person_id, category, from_on)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", event.endorsementNumber(), event.personId(),
                    event.category(), Date.valueOf(event.endorsedSince()));
        }
    }

    /** An imported endorsement with the Endorsed Reflective Supervisor add-on provides RSC whatever its category. */
    @EventHandler
    void on(EndorsementImported event) {
        List<AddOn> addOns = event.addOns().stream().filter(AddOn::isKnown).map(AddOn::fromAbbreviation).toList();
        if (Category.isKnown(event.category()) && org.iecmh.endorsement.contracts.ReflectiveSupervisionProviders
                .provides(Category.fromAbbreviation(event.category()), addOns)) {
            jdbc.update("""
                    INSERT INTO provider_period (endorsement_number, person_id, category, from_on)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", event.endorsementNumber(), event.personId(),
                    event.category(), Date.valueOf(event.endorsedSince()));
        }
    }

    @EventHandler
    void on(EndorsementLapsed event) {
        end(event.endorsementNumber(), event.lapsedOn());
    }

    @EventHandler
    void on(EndorsementRevoked event) {
        end(event.endorsementNumber(), event.revokedOn());
    }

    @EventHandler
    void on(EndorsementInactivated event) {
        end(event.endorsementNumber(), event.inactiveSince());
    }

    @EventHandler
    void on(EndorsementReactivated event) {
        jdbc.update("""
                INSERT INTO provider_period (endorsement_number, person_id, category, from_on)
                SELECT endorsement_number, person_id, category, ? FROM provider_period
                WHERE endorsement_number = ? ORDER BY from_on DESC LIMIT 1
                ON CONFLICT DO NOTHING""", Date.valueOf(event.reactivatedOn()), event.endorsementNumber());
    }

    /** A claimed endorsement's provider is its new person: sessions with oneself still do not count. */
    @EventHandler
    void on(EndorsementClaimed event) {
        jdbc.update("UPDATE provider_period SET person_id = ? WHERE endorsement_number = ?", event.personId(),
                event.endorsementNumber());
    }

    private void end(String endorsementNumber, LocalDate on) {
        jdbc.update("UPDATE provider_period SET to_on = ? WHERE endorsement_number = ? AND to_on IS NULL",
                Date.valueOf(on), endorsementNumber);
    }
}
