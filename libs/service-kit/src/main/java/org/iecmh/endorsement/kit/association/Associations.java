package org.iecmh.endorsement.kit.association;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.kit.time.Repeating;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The service's local view of the associations: the latest record of each that association-service published
 * ({@link AssociationChanged}), kept in the service's own database ({@code association_view}) and in memory. A record
 * whose sequence is not newer than the one kept is ignored, so a redelivered or late message never brings an older
 * policy back. Reads come from memory; the instance that received a change applies it when its transaction commits,
 * and every instance reads the table again every {@code iecmh.associations.refresh-every} for the changes its
 * siblings received (one consumer group per service: each message reaches one instance). The service's
 * {@link AssociationChangeListener}s are told of each newer record in the transaction that keeps it.
 */
public class Associations extends Repeating {

    private static final Logger log = LoggerFactory.getLogger(Associations.class);

    private final JdbcTemplate jdbc;
    private final AssociationJson json;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Supplier<List<AssociationChangeListener>> listeners;

    /**
     * A record as kept, with the sequence association-service gave it: what a service records beside a decision to
     * say which version of the policy made it.
     */
    public record Kept(long sequence, Association association) {
    }

    public Associations(JdbcTemplate jdbc, AssociationJson json, Duration refreshEvery) {
        this(jdbc, json, refreshEvery, List::of);
    }

    /**
     * With the listeners told of each newer record in the transaction that keeps it, looked up when a record
     * arrives (a listener may itself read the associations).
     */
    public Associations(JdbcTemplate jdbc, AssociationJson json, Duration refreshEvery,
                        Supplier<List<AssociationChangeListener>> listeners) {
        super("association-view", refreshEvery);
        this.jdbc = jdbc;
        this.json = json;
        this.listeners = listeners;
        refresh();
    }

    /** The association with this code, if the service has received it. */
    public Optional<Association> find(String code) {
        Kept found = code == null ? null : kept.get(code);
        return found == null ? Optional.empty() : Optional.of(found.association());
    }

    /** The association with this code; {@link UnknownResource} when the service has not received it. */
    public Association require(String code) {
        return find(code).orElseThrow(() -> new UnknownResource("association", code));
    }

    /** The record kept for this code with its sequence; {@link UnknownResource} when the service has not received it. */
    public Kept requireKept(String code) {
        Kept found = code == null ? null : kept.get(code);
        if (found == null) {
            throw new UnknownResource("association", code);
        }
        return found;
    }

    /** Every association the service has received, by code. */
    public List<Association> all() {
        return kept.values().stream().map(Kept::association).sorted(Comparator.comparing(Association::code)).toList();
    }

    /**
     * Keeps {@code changed} if it is newer than the record kept for its association, in the caller's transaction
     * (the inbox's); memory follows once that transaction commits. Returns whether it was newer.
     */
    public boolean keep(AssociationChanged changed) {
        // The record kept until now, locked until the transaction ends, for the listeners to compare.
        List<AssociationChangeListener> told = listeners.get();
        List<String> before = told.isEmpty() ? List.of() : jdbc.queryForList(
                "SELECT record::text FROM association_view WHERE code = ? FOR UPDATE", String.class,
                changed.tenantId());
        int updated = jdbc.update("""
                INSERT INTO association_view (code, sequence, changed_at, changed_by, record)
                VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (code) DO UPDATE SET sequence = EXCLUDED.sequence, changed_at = EXCLUDED.changed_at,
                    changed_by = EXCLUDED.changed_by, record = EXCLUDED.record
                WHERE association_view.sequence < EXCLUDED.sequence""",
                changed.tenantId(), changed.sequence(), Timestamp.from(changed.changedAt()), changed.changedBy(),
                json.write(changed.association()));
        if (updated == 0) {
            log.info("Association {} sequence {} is not newer than the one kept; ignored", changed.tenantId(),
                    changed.sequence());
            return false;
        }
        Association previous = before.isEmpty() ? null : json.read(before.get(0));
        told.forEach(listener -> listener.changed(previous, changed.association()));
        Runnable remember = () -> remember(changed.tenantId(), new Kept(changed.sequence(), changed.association()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember.run();
                }
            });
        } else {
            remember.run();
        }
        return true;
    }

    /** Reads again the records whose sequence changed in the table since memory last saw them. */
    public void refresh() {
        Map<String, Long> sequences = new ConcurrentHashMap<>();
        jdbc.query("SELECT code, sequence FROM association_view",
                row -> {
                    sequences.put(row.getString("code"), row.getLong("sequence"));
                });
        sequences.forEach((code, sequence) -> {
            Kept known = kept.get(code);
            if (known == null || known.sequence() < sequence) {
                jdbc.query("SELECT sequence, record FROM association_view WHERE code = ?", row -> {
                    remember(code, new Kept(row.getLong("sequence"), json.read(row.getString("record"))));
                }, code);
            }
        });
    }

    private void remember(String code, Kept candidate) {
        kept.merge(code, candidate, (known, newer) -> newer.sequence() > known.sequence() ? newer : known);
    }

    @Override
    protected void repeat() {
        refresh();
    }
}
