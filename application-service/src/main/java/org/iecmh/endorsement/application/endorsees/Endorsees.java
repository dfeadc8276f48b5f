package org.iecmh.endorsement.application.endorsees;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.imports.EndorsementImported;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.application.requirements.EndorsedPeriod;
import org.iecmh.endorsement.application.review.EndorsementGranted;
import org.iecmh.endorsement.application.review.HeldEndorsement;
import org.iecmh.endorsement.application.reviewers.PriorEndorsementRecorded;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.ReflectiveSupervisionProviders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The association's endorsees, kept with the application read model: who holds which endorsement
 * ({@code endorsee}, with the subject an endorsee claimed it under), which of them provide reflective supervision
 * ({@code supervision_provider}) and how each endorsement's standing changed ({@code provider_standing}). Granted
 * here, recorded from before the platform or imported; reviewers, scorers and supervision providers are checked
 * against it.
 */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class Endorsees {

    private final JdbcTemplate jdbc;
    private final TenantPolicies policies;

    Endorsees(JdbcTemplate jdbc, TenantPolicies policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    @EventHandler
    void on(EndorsementGranted event, @Timestamp Instant at) {
        endorsee(event.endorsementNumber(), event.tenantId(), event.personId(), event.endorseeName(),
                event.category(), policies.day(event.tenantId(), at));
        supervisionProvider(event.endorsementNumber(), event.tenantId(), event.category(), List.of(),
                policies.day(event.tenantId(), at));
    }

    @EventHandler
    void on(PriorEndorsementRecorded event) {
        endorsee(event.endorsementNumber(), event.tenantId(), event.subject(), event.name(), event.category(),
                event.endorsedSince());
        supervisionProvider(event.endorsementNumber(), event.tenantId(), event.category(), event.addOns(),
                event.endorsedSince());
    }

    /**
     * As {@link #endorsee}, with the address and the row's fingerprint, in one statement: an INSERT and then an UPDATE
     * of the same table for every imported endorsee would make a rebuild send them one event at a time.
     */
    @EventHandler
    void on(EndorsementImported event) {
        jdbc.update("""
                INSERT INTO endorsee (endorsement_number, tenant_id, subject, name, category, level, endorsed_since,
                                      email, import_fingerprint)
                VALUES (?, ?, COALESCE((SELECT subject FROM endorsee_claim WHERE endorsement_number = ?
                                        AND tenant_id = ?), ?), ?, ?, ?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO UPDATE SET email = EXCLUDED.email,
                                                               import_fingerprint = EXCLUDED.import_fingerprint""",
                event.endorsementNumber(), event.tenantId(), event.endorsementNumber(), event.tenantId(),
                event.personId(), event.name(), event.category().abbreviation(), event.category().level(),
                Date.valueOf(event.endorsedSince()), event.email(), event.fingerprint());
        supervisionProvider(event.endorsementNumber(), event.tenantId(), event.category(), event.addOns(),
                event.endorsedSince());
    }

    /**
     * Of these numbers, those the association already has (granted, recorded or imported), each with the fingerprint
     * of the row that imported it, empty for one that was not imported.
     */
    public Map<String, Optional<String>> heldNumbers(String tenantId, Collection<String> numbers) {
        Map<String, Optional<String>> held = new HashMap<>();
        jdbc.query("""
                SELECT endorsement_number, import_fingerprint FROM endorsee
                WHERE tenant_id = ? AND endorsement_number = ANY(?::varchar[])""",
                rs -> {
                    held.put(rs.getString(1), Optional.ofNullable(rs.getString(2)));
                }, tenantId, numbers.toArray(String[]::new));
        return held;
    }

    private void supervisionProvider(String number, String tenantId, Category category, List<AddOn> addOns,
                                     LocalDate since) {
        if (ReflectiveSupervisionProviders.provides(category, addOns)) {
            jdbc.update("""
                    INSERT INTO supervision_provider (endorsement_number, tenant_id, category, endorsed_since)
                    VALUES (?, ?, ?, ?) ON CONFLICT (endorsement_number) DO NOTHING""",
                    number, tenantId, category.abbreviation(), Date.valueOf(since));
        }
    }

    /** An endorsement its endorsee claimed is theirs, here and in every rebuild of this read model. */
    private void endorsee(String number, String tenantId, String subject, String name, Category category,
                          LocalDate since) {
        jdbc.update("""
                INSERT INTO endorsee (endorsement_number, tenant_id, subject, name, category, level, endorsed_since)
                VALUES (?, ?, COALESCE((SELECT subject FROM endorsee_claim WHERE endorsement_number = ?
                                        AND tenant_id = ?), ?), ?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO NOTHING""",
                number, tenantId, number, tenantId, subject, name, category.abbreviation(), category.level(),
                Date.valueOf(since));
    }

    /**
     * An endorsee claimed their endorsement (renewal-service's {@code EndorsementClaimed}): from now on it is held by
     * the subject they sign in with, so they review and provide supervision as themselves. The same report twice
     * changes nothing; one from another association than the endorsement's changes nothing either.
     */
    public void endorseeClaimed(String tenantId, String endorsementNumber, String subject, Instant claimedAt) {
        jdbc.update("""
                INSERT INTO endorsee_claim (endorsement_number, tenant_id, subject, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (endorsement_number) DO UPDATE SET subject = EXCLUDED.subject,
                    claimed_at = EXCLUDED.claimed_at
                WHERE endorsee_claim.tenant_id = EXCLUDED.tenant_id""",
                endorsementNumber, tenantId, subject, java.sql.Timestamp.from(claimedAt));
        jdbc.update("UPDATE endorsee SET subject = ? WHERE endorsement_number = ? AND tenant_id = ?",
                subject, endorsementNumber, tenantId);
    }

    /**
     * The endorsements a person holds in the association, by the subject they sign in with, the highest first; each
     * with whether it stands on {@code day}: its latest change of standing on or before that day (a lapse,
     * revocation, hold or transfer away; a reactivation or renewal) says so, and none means it stands.
     */
    public List<HeldEndorsement> endorsementsOf(String tenantId, String subject, LocalDate day) {
        return jdbc.query("""
                SELECT e.endorsement_number, e.category, COALESCE((
                    SELECT s.active FROM provider_standing s
                    WHERE s.endorsement_number = e.endorsement_number AND s.changed_on <= ?
                    ORDER BY s.changed_on DESC, s.event_id DESC LIMIT 1), TRUE) AS active
                FROM endorsee e WHERE e.tenant_id = ? AND e.subject = ? AND e.endorsed_since <= ?
                ORDER BY e.level DESC, e.endorsed_since""",
                (rs, n) -> new HeldEndorsement(rs.getString("endorsement_number"),
                        Category.fromAbbreviation(rs.getString("category")), rs.getBoolean("active")),
                Date.valueOf(day), tenantId, subject, Date.valueOf(day));
    }

    /**
     * Every endorsement the association's endorsees hold, as {@link #endorsementsOf} tells each of them on
     * {@code day}, with the endorsee's name, by name.
     */
    public List<NamedEndorsement> endorsements(String tenantId, LocalDate day) {
        return jdbc.query("""
                SELECT e.subject, e.name, e.endorsement_number, e.category, COALESCE((
                    SELECT s.active FROM provider_standing s
                    WHERE s.endorsement_number = e.endorsement_number AND s.changed_on <= ?
                    ORDER BY s.changed_on DESC, s.event_id DESC LIMIT 1), TRUE) AS active
                FROM endorsee e WHERE e.tenant_id = ? AND e.endorsed_since <= ?
                ORDER BY e.name, e.subject, e.level DESC, e.endorsed_since""",
                (rs, n) -> new NamedEndorsement(rs.getString("subject"), rs.getString("name"),
                        new HeldEndorsement(rs.getString("endorsement_number"),
                                Category.fromAbbreviation(rs.getString("category")), rs.getBoolean("active"))),
                Date.valueOf(day), tenantId, Date.valueOf(day));
    }

    /** An endorsement, with the subject its endorsee signs in with and their name. */
    public record NamedEndorsement(String subject, String name, HeldEndorsement endorsement) {
    }

    /**
     * For each of these endorsement numbers of a supervision provider, the periods in which it was endorsed: from the
     * day it was granted (or recorded from before the platform), closed by a lapse, revocation or inactivity and
     * opened again by a reactivation.
     */
    public Map<String, List<EndorsedPeriod>> providerPeriods(Collection<String> endorsementNumbers) {
        Map<String, List<EndorsedPeriod>> periods = new HashMap<>();
        for (String number : endorsementNumbers) {
            List<LocalDate> since = jdbc.query(
                    "SELECT endorsed_since FROM supervision_provider WHERE endorsement_number = ?",
                    (rs, n) -> rs.getDate("endorsed_since").toLocalDate(), number);
            if (since.isEmpty()) {
                continue;
            }
            List<EndorsedPeriod> found = new ArrayList<>();
            LocalDate openSince = since.get(0);
            for (Map<String, Object> change : jdbc.queryForList("""
                    SELECT changed_on, active FROM provider_standing WHERE endorsement_number = ?
                    ORDER BY changed_on, event_id""", number)) {
                LocalDate on = ((java.sql.Date) change.get("changed_on")).toLocalDate();
                boolean active = (Boolean) change.get("active");
                if (!active && openSince != null) {
                    found.add(new EndorsedPeriod(openSince, on));
                    openSince = null;
                } else if (active && openSince == null) {
                    openSince = on;
                }
            }
            if (openSince != null) {
                found.add(EndorsedPeriod.since(openSince));
            }
            periods.put(number, found);
        }
        return periods;
    }

    /** Records a change of standing an integration event reported; the same event twice changes nothing. */
    public void standingChanged(String eventId, String endorsementNumber, LocalDate on, boolean active) {
        jdbc.update("""
                INSERT INTO provider_standing (event_id, endorsement_number, changed_on, active)
                VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", eventId, endorsementNumber,
                Date.valueOf(on), active);
    }

}
