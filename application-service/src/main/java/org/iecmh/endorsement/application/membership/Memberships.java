package org.iecmh.endorsement.application.membership;

import org.iecmh.endorsement.contracts.MembershipActive;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;

/**
 * The memberships payment-service reported, per association and person: whether someone is a member on a day, for
 * an association that asks applicants to be members before they apply. Kept from {@link MembershipActive} in the
 * transaction of the consumer's inbox; the same report twice, or a later one for the same invoice, keeps one period.
 */
@Component
public class Memberships {

    private final JdbcTemplate jdbc;

    Memberships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(MembershipActive membership) {
        jdbc.update("""
                INSERT INTO membership (tenant_id, person_id, invoice_id, active_from, active_through)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, person_id, invoice_id) DO UPDATE SET active_from = EXCLUDED.active_from,
                    active_through = EXCLUDED.active_through""",
                membership.tenantId(), membership.personId(), membership.invoiceId(),
                membership.activeFrom() == null ? null : Date.valueOf(membership.activeFrom()),
                Date.valueOf(membership.activeThrough()));
    }

    /** Whether a membership of the association is in force for the person on {@code day} (the association's day). */
    public boolean isMemberOn(String tenantId, String personId, LocalDate day) {
        Boolean member = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM membership WHERE tenant_id = ? AND person_id = ?
                               AND (active_from IS NULL OR active_from <= ?) AND active_through >= ?)""",
                Boolean.class, tenantId, personId, Date.valueOf(day), Date.valueOf(day));
        return Boolean.TRUE.equals(member);
    }
}
