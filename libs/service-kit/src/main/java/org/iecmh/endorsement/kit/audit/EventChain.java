package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hash chain that makes each aggregate's stream tamper-evident. Every stored event gets
 * {@code SHA-256(canonical form)}, where the canonical form is, in this order, each field as a 4-byte big-endian
 * length followed by its bytes (length -1 for none): the label {@code iecmh-event-chain-v1}, tenant, aggregate
 * type, aggregate id, sequence number (decimal), event id, payload type, payload revision, timestamp (as stored),
 * payload (stored JSON bytes), metadata (stored JSON bytes) and the previous event's hash (64 zeros for the first).
 * The newest link of every chain is kept in {@code event_chain_head}, so that removing the last events shows too.
 * Each event is hashed from the bytes about to be stored and written with its link in the same INSERT
 * ({@link #append}), in the transaction that stores it, so no event is ever stored without its link.
 * <p>
 * Length: sealing and verifying must compute the canonical form identically; they share it in one class.
 */
public class EventChain {

    public static final String GENESIS = "0".repeat(64);
    /** The columns {@link #append} writes. */
    private static final String INSERTED = "event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
            + " payload_type, payload_revision, payload, meta_data, chain_hash";
    private static final byte[] LABEL = "iecmh-event-chain-v1".getBytes(StandardCharsets.UTF_8);

    /** The newest link of an aggregate's chain, and the tenant that owns the aggregate now. */
    public record Head(String aggregateId, String aggregateType, String tenantId, long sequenceNumber,
                       String eventId, String chainHash) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EventChain(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The hash of {@code event} following {@code previous} in its chain. */
    public String hash(StoredEvent event, String previous) {
        MessageDigest digest = sha256();
        field(digest, LABEL);
        field(digest, utf8(event.tenantId(json)));
        field(digest, utf8(event.aggregateType()));
        field(digest, utf8(event.aggregateId()));
        field(digest, utf8(Long.toString(event.sequenceNumber())));
        field(digest, utf8(event.eventId()));
        field(digest, utf8(event.payloadType()));
        field(digest, utf8(event.payloadRevision()));
        field(digest, utf8(event.timestamp()));
        field(digest, event.payload());
        field(digest, event.metaData());
        field(digest, utf8(previous));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Stores {@code events} with their links, on {@code connection}, which must be the storing transaction's: locks
     * the head of each aggregate's chain once, hashes each event from exactly the bytes being stored, inserts the rows
     * with their hashes, moves the heads and notes the people the events name. The row lock on a head makes a
     * transaction that extends the same chain wait, then fail on the taken sequence number (a concurrency conflict);
     * a chain that has no head yet is guarded by the unique sequence number alone.
     */
    public void append(Connection connection, List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        JdbcTemplate storing = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        Map<String, List<StoredEvent>> byAggregate = byAggregate(events);
        // A stream that starts here has no head to lock: its first sequence number is what guards it.
        List<String> continued = byAggregate.entrySet().stream()
                .filter(stream -> stream.getValue().get(0).sequenceNumber() > 0).map(Map.Entry::getKey).toList();
        Map<String, String> heads = continued.isEmpty() ? Map.of() : lockHeads(storing, continued);
        List<StoredEvent> linked = new ArrayList<>(events.size());
        byAggregate.forEach((aggregateId, stream) -> {
            String previous = heads.getOrDefault(aggregateId, GENESIS);
            for (StoredEvent event : stream) {
                previous = hash(event, previous);
                linked.add(event.linkedBy(previous));
            }
        });
        storing.batchUpdate("INSERT INTO domain_event_entry (" + INSERTED + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                linked, linked.size(), (statement, event) -> {
                    statement.setString(1, event.eventId());
                    statement.setString(2, event.aggregateId());
                    statement.setLong(3, event.sequenceNumber());
                    statement.setString(4, event.aggregateType());
                    statement.setString(5, event.timestamp());
                    statement.setString(6, event.payloadType());
                    statement.setString(7, event.payloadRevision());
                    statement.setBytes(8, event.payload());
                    statement.setBytes(9, event.metaData());
                    statement.setString(10, event.chainHash());
                });
        moveHeads(storing, byAggregate(linked));
    }

    /**
     * Links events that were stored without their links (by their ids, in the transaction that stored them): those
     * stored before the chain existed, once, by a migration. The engine links every event as it stores it
     * ({@link #append}).
     */
    public void seal(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        List<StoredEvent> stored = jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT " + StoredEvent.COLUMNS
                    + " FROM domain_event_entry WHERE event_identifier = ANY (?)"
                    + " ORDER BY aggregate_identifier, sequence_number");
            Array ids = connection.createArrayOf("varchar", eventIds.toArray());
            statement.setArray(1, ids);
            return statement;
        }, (rs, n) -> StoredEvent.from(rs));
        Map<String, List<StoredEvent>> byAggregate = byAggregate(stored);
        Map<String, String> heads = lockHeads(jdbc, byAggregate.keySet());
        Map<String, List<StoredEvent>> linked = new LinkedHashMap<>();
        List<Object[]> hashes = new ArrayList<>();
        byAggregate.forEach((aggregateId, stream) -> {
            String previous = heads.getOrDefault(aggregateId, GENESIS);
            for (StoredEvent event : stream) {
                previous = hash(event, previous);
                linked.computeIfAbsent(aggregateId, id -> new ArrayList<>()).add(event.linkedBy(previous));
                hashes.add(new Object[]{previous, event.globalIndex()});
            }
        });
        jdbc.batchUpdate("UPDATE domain_event_entry SET chain_hash = ? WHERE global_index = ?", hashes);
        moveHeads(jdbc, linked);
    }

    private static Map<String, List<StoredEvent>> byAggregate(List<StoredEvent> events) {
        Map<String, List<StoredEvent>> byAggregate = new TreeMap<>();
        for (StoredEvent event : events) {
            byAggregate.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
        }
        byAggregate.values().forEach(stream -> stream.sort(Comparator.comparingLong(StoredEvent::sequenceNumber)));
        return byAggregate;
    }

    /** The newest hash of each chain that has one, its head row locked until the transaction ends. */
    private static Map<String, String> lockHeads(JdbcTemplate jdbc, Collection<String> aggregateIds) {
        Map<String, String> heads = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT aggregate_identifier, chain_hash FROM event_chain_head"
                    + " WHERE aggregate_identifier = ANY (?) ORDER BY aggregate_identifier FOR UPDATE");
            statement.setArray(1, connection.createArrayOf("varchar", aggregateIds.toArray()));
            return statement;
        }, rs -> {
            heads.put(rs.getString(1), rs.getString(2));
        });
        return heads;
    }

    /** Moves each chain's head to its newest linked event and notes the people the events name. */
    private void moveHeads(JdbcTemplate jdbc, Map<String, List<StoredEvent>> linked) {
        List<Object[]> heads = new ArrayList<>();
        Set<List<String>> people = new LinkedHashSet<>();
        linked.forEach((aggregateId, stream) -> {
            StoredEvent last = stream.get(stream.size() - 1);
            heads.add(new Object[]{aggregateId, last.aggregateType(), last.tenantId(json), last.sequenceNumber(),
                    last.eventId(), last.chainHash()});
            for (StoredEvent event : stream) {
                String person = event.personId(json);
                if (person != null) {
                    people.add(Arrays.asList(person, aggregateId, event.aggregateType()));
                }
            }
        });
        jdbc.batchUpdate("""
                INSERT INTO event_chain_head (aggregate_identifier, aggregate_type, tenant_id, sequence_number,
                                              event_identifier, chain_hash)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (aggregate_identifier) DO UPDATE SET aggregate_type = EXCLUDED.aggregate_type,
                    tenant_id = EXCLUDED.tenant_id, sequence_number = EXCLUDED.sequence_number,
                    event_identifier = EXCLUDED.event_identifier, chain_hash = EXCLUDED.chain_hash""", heads);
        if (!people.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO audit_person_stream (person_id, aggregate_identifier, aggregate_type)
                    VALUES (?, ?, ?) ON CONFLICT DO NOTHING""",
                    people.stream().map(List::toArray).toList());
        }
    }

    /** The head of the aggregate's chain, if it has stored events. */
    public Optional<Head> head(String aggregateId) {
        return jdbc.query("SELECT * FROM event_chain_head WHERE aggregate_identifier = ?",
                (rs, n) -> new Head(rs.getString("aggregate_identifier"), rs.getString("aggregate_type"),
                        rs.getString("tenant_id"), rs.getLong("sequence_number"), rs.getString("event_identifier"),
                        rs.getString("chain_hash")), aggregateId).stream().findFirst();
    }

    /** Recomputes one aggregate's chain from its stored rows and compares it with the stored hashes and the head. */
    public ChainVerification verifyStream(String aggregateId) {
        ChainVerification.Counter counter = new ChainVerification.Counter();
        BrokenLink broken = verify(aggregateId, counter);
        return counter.result(broken);
    }

    /**
     * Verifies every chain of the tenant's aggregates (those it owns now, and any whose events name it but that
     * lost their head), stopping at the first broken link.
     */
    public ChainVerification verifyTenant(String tenantId, String aggregateType) {
        List<String> aggregates = jdbc.queryForList("""
                SELECT aggregate_identifier FROM event_chain_head WHERE tenant_id = ? AND aggregate_type = ?
                UNION
                SELECT DISTINCT e.aggregate_identifier FROM domain_event_entry e
                WHERE e.type = ? AND convert_from(e.meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?
                  AND NOT EXISTS (SELECT 1 FROM event_chain_head h WHERE h.aggregate_identifier = e.aggregate_identifier)
                ORDER BY 1""", String.class, tenantId, aggregateType, aggregateType, tenantId);
        ChainVerification.Counter counter = new ChainVerification.Counter();
        for (String aggregateId : aggregates) {
            BrokenLink broken = verify(aggregateId, counter);
            if (broken != null) {
                return counter.result(broken);
            }
        }
        return counter.result(null);
    }

    private BrokenLink verify(String aggregateId, ChainVerification.Counter counter) {
        counter.aggregates++;
        BrokenLink[] broken = new BrokenLink[1];
        String[] previous = {GENESIS};
        long[] expectedSequence = {0};
        StoredEvent[] last = new StoredEvent[1];
        jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", rs -> {
            if (broken[0] != null) {
                return;
            }
            StoredEvent event = StoredEvent.from(rs);
            counter.events++;
            if (event.sequenceNumber() != expectedSequence[0]) {
                broken[0] = new BrokenLink(aggregateId, event.sequenceNumber(), event.eventId(), "sequence-gap",
                        "sequence " + expectedSequence[0], "sequence " + event.sequenceNumber());
                return;
            }
            String expected = hash(event, previous[0]);
            if (!expected.equals(event.chainHash())) {
                broken[0] = new BrokenLink(aggregateId, event.sequenceNumber(), event.eventId(), "hash-mismatch",
                        expected, event.chainHash());
                return;
            }
            previous[0] = expected;
            expectedSequence[0]++;
            last[0] = event;
        }, aggregateId);
        if (broken[0] != null) {
            return broken[0];
        }
        Optional<Head> head = head(aggregateId);
        if (head.isEmpty()) {
            return last[0] == null ? null : new BrokenLink(aggregateId, last[0].sequenceNumber(), last[0].eventId(),
                    "head-missing", "a chain head", "none");
        }
        Head kept = head.get();
        if (last[0] == null || kept.sequenceNumber() != last[0].sequenceNumber()
                || !kept.chainHash().equals(previous[0])) {
            return new BrokenLink(aggregateId, kept.sequenceNumber(), kept.eventId(), "head-mismatch",
                    "sequence " + kept.sequenceNumber() + " hash " + kept.chainHash(),
                    last[0] == null ? "no events"
                            : "sequence " + last[0].sequenceNumber() + " hash " + previous[0]);
        }
        return null;
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
