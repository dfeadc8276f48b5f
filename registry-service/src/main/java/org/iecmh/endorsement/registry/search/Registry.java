package org.iecmh.endorsement.registry.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.contracts.AddOn;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.contracts.EndorsementInactivated;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.EndorsementRenewed;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.EndorsementTransferred;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.kit.messaging.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry, kept from application-service's and renewal-service's events. The association's code is its state's
 * (or country's) code, which the registry shows as the endorsee's state. Every endorsement is kept with its status,
 * so that its number can be verified; searches show only active ones.
 * <p>
 * Length: the batched ingest and the search statements both depend on the table's exact layout (and on its rebuild
 * twin, {@link #inTable}); a column is added in one file.
 */
@Component
public class Registry {

    public static final int MAX_PAGE_SIZE = 50;

    private static final Logger log = LoggerFactory.getLogger(Registry.class);

    private static final RowMapper<RegistryEntry> ENTRY = (rs, n) -> new RegistryEntry(rs.getString("name"),
            rs.getString("category"), rs.getString("state"), rs.getString("endorsement_number"),
            rs.getDate("endorsed_since").toLocalDate(), rs.getDate("valid_through").toLocalDate(),
            List.of((String[]) rs.getArray("add_ons").getArray()));
    private static final RowMapper<EndorsementRecord> RECORD = (rs, n) -> new EndorsementRecord(ENTRY.mapRow(rs, n),
            rs.getString("tenant_id"), EndorsementStatus.valueOf(rs.getString("status")),
            rs.getDate("status_since").toLocalDate(), rs.getString("transferred_to"));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String table;
    /** Whether one thread alone writes the table, so that its writes need no locks among themselves. */
    private final boolean oneWriter;

    @Autowired
    Registry(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this(jdbc, json, "registry_entry", false);
    }

    private Registry(JdbcTemplate jdbc, ObjectMapper json, String table, boolean oneWriter) {
        this.jdbc = jdbc;
        this.json = json;
        this.table = table;
        this.oneWriter = oneWriter;
    }

    /**
     * The same registry written into another table of the same shape by one thread alone (a rebuild fills one before
     * switching): it takes no locks on the endorsements it writes.
     */
    public Registry inTable(String otherTable) {
        if (!otherTable.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + otherTable);
        }
        return new Registry(jdbc, json, otherTable, true);
    }

    /**
     * Applies one integration event with id {@code eventId}; events this registry does not follow are ignored.
     * A change that took effect before the last one applied to its endorsement is stale and ignored; a change to an
     * endorsement not granted yet waits until it is. A number that was transferred to a new one changes no more: its
     * events continue under the new number.
     */
    public void apply(String eventId, IntegrationEvent event) {
        applyAll(List.of(new ReceivedEvent(eventId, IntegrationEventType.of(event.getClass()).type(), null, eventId,
                event)));
    }

    /**
     * Applies {@code events} in their order, with the same outcome as {@link #apply} one by one, in a handful of
     * statements however many there are: the endorsements they name are locked and looked up once, then the grants
     * are written as one batch, the changes as another (in order), and the changes that wait for their grant as a
     * third. Only a grant that has changes waiting, and a transfer to a new number, are applied on their own.
     */
    public void applyAll(List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> numbers = new TreeSet<>();
        for (ReceivedEvent received : events) {
            numbers.add(received.event().partitionKey());
            if (received.event() instanceof EndorsementTransferred transferred
                    && transferred.newEndorsementNumber() != null) {
                numbers.add(transferred.newEndorsementNumber());
            }
        }
        String[] named = numbers.toArray(String[]::new);
        // The two topics are consumed on two threads: a grant and a change that waits for it must not cross.
        if (!oneWriter) {
            lockAll(named);
        }
        // Which are listed, and which have changes waiting for their grant: one look-up by key per number.
        Set<String> listedBefore = new HashSet<>();
        Set<String> waiting = new HashSet<>();
        jdbc.query("SELECT n.number, EXISTS (SELECT 1 FROM " + table + " AS e WHERE e.endorsement_number = n.number),"
                + " EXISTS (SELECT 1 FROM " + pendingTable() + " AS p WHERE p.endorsement_number = n.number)"
                + " FROM unnest(?::varchar[]) AS n(number)", rs -> {
                    if (rs.getBoolean(2)) {
                        listedBefore.add(rs.getString(1));
                    }
                    if (rs.getBoolean(3)) {
                        waiting.add(rs.getString(1));
                    }
                }, (Object) named);
        Set<String> listed = listedBefore;
        Writes writes = new Writes();
        for (ReceivedEvent received : events) {
            IntegrationEvent event = received.event();
            if (event instanceof EndorsementGranted || event instanceof EndorsementImported) {
                String number = event.partitionKey();
                if (event instanceof EndorsementGranted granted) {
                    writes.list(granted);
                } else {
                    writes.list((EndorsementImported) event);
                }
                listed.add(number);
                if (waiting.remove(number)) {
                    writes.flush();
                    applyPendingChanges(number);
                    listed = listedAmong(named);
                }
                continue;
            }
            Instant at = effectiveAt(event);
            if (at == null) {
                continue;
            }
            String number = numberOf(event);
            if (!listed.contains(number)) {
                writes.park(received.id(), number, at, event);
                waiting.add(number);
            } else if (event instanceof EndorsementTransferred transferred
                    && transferred.newEndorsementNumber() != null
                    && !transferred.newEndorsementNumber().equals(number)) {
                writes.flush();
                change(event, number, at);
                waiting.remove(transferred.newEndorsementNumber());
                listed = listedAmong(named);
            } else {
                writes.change(event, number, at);
            }
        }
        writes.flush();
    }

    /**
     * Writes waiting to be sent as batches. Grants go first: a change in the same list names an endorsement listed
     * before it or by a grant earlier in the list, never one a later grant adds (that change waits instead).
     */
    private final class Writes {

        private final List<Object[]> grants = new ArrayList<>();
        private final List<Object[]> changes = new ArrayList<>();
        private final List<String> changeNames = new ArrayList<>();
        private final List<Object[]> parked = new ArrayList<>();

        void list(EndorsementGranted granted) {
            LocalDate since = granted.grantedAt().atZone(ZoneOffset.UTC).toLocalDate();
            grants.add(new Object[]{granted.endorsementNumber(), granted.tenantId(), granted.endorseeName(),
                    Names.fold(granted.endorseeName()), granted.category(), state(granted.tenantId()), since,
                    granted.validThrough(), EndorsementStatus.ACTIVE.name(), since, granted.grantedAt(), ""});
        }

        /**
         * An endorsement from before the platform, listed like a grant in the status the association's record gave
         * it: an active one from the day it was endorsed, any other since the day it was imported; with the add-ons
         * the platform knows.
         */
        void list(EndorsementImported imported) {
            EndorsementStatus status = EndorsementStatus.valueOf(imported.status());
            LocalDate statusSince = status == EndorsementStatus.ACTIVE ? imported.endorsedSince()
                    : imported.importedAt().atZone(ZoneOffset.UTC).toLocalDate();
            grants.add(new Object[]{imported.endorsementNumber(), imported.tenantId(), imported.endorseeName(),
                    Names.fold(imported.endorseeName()), imported.category(), state(imported.tenantId()),
                    imported.endorsedSince(), imported.validThrough(), status.name(), statusSince,
                    imported.importedAt(), String.join(",", imported.addOns().stream().filter(AddOn::isKnown)
                            .distinct().toList())});
        }

        /** A lifecycle change as one statement shape: what it does not change stays as it is. */
        void change(IntegrationEvent event, String number, Instant at) {
            String status = null;
            Date statusSince = null;
            LocalDate validThrough = null;
            String tenant = null;
            if (event instanceof EndorsementLapsed) {
                status = EndorsementStatus.LAPSED.name();
            } else if (event instanceof EndorsementRevoked) {
                status = EndorsementStatus.REVOKED.name();
            } else if (event instanceof EndorsementInactivated) {
                status = EndorsementStatus.INACTIVE.name();
            } else if (event instanceof EndorsementReactivated reactivated) {
                status = EndorsementStatus.ACTIVE.name();
                validThrough = reactivated.validThrough();
            } else if (event instanceof EndorsementRenewed renewed) {
                validThrough = renewed.validThrough();
            } else if (event instanceof EndorsementTransferred transferred) {
                tenant = transferred.toTenantId();
                validThrough = transferred.validThrough();
            } else {
                return;
            }
            if (status != null) {
                statusSince = date(at);
            }
            changes.add(new Object[]{text(status), statusSince == null ? new SqlParameterValue(Types.DATE, null)
                    : statusSince, validThrough == null ? new SqlParameterValue(Types.DATE, null)
                    : Date.valueOf(validThrough), text(tenant), text(tenant == null ? null : state(tenant)),
                    Timestamp.from(at), number, Timestamp.from(at)});
            changeNames.add(event.getClass().getSimpleName() + " of " + number + " at " + at);
        }

        void park(String eventId, String number, Instant at, IntegrationEvent event) {
            log.info("{} of {} arrived before its endorsement; kept until it is listed",
                    event.getClass().getSimpleName(), number);
            parked.add(new Object[]{eventId, number, IntegrationEventType.of(event.getClass()).type(),
                    Timestamp.from(at), toJson(event)});
        }

        void flush() {
            if (!grants.isEmpty()) {
                // One statement for every grant, a column of values each (dates and instants in ISO form); of two
                // grants of one number the first is kept, as one by one.
                Object[] columns = new Object[12];
                for (int column = 0; column < columns.length; column++) {
                    int c = column;
                    columns[column] = grants.stream().map(row -> row[c].toString()).toArray(String[]::new);
                }
                jdbc.update("INSERT INTO " + table + """
                         (endorsement_number, tenant_id, name, name_folded, category, state, endorsed_since,
                          valid_through, status, status_since, changed_at, add_ons)
                        SELECT number, tenant, name, folded, category, state, since, through, status, status_since, at,
                               string_to_array(add_ons, ',')
                        FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                    ?::varchar[], ?::date[], ?::date[], ?::varchar[], ?::date[], ?::timestamptz[],
                                    ?::varchar[])
                             AS granted(number, tenant, name, folded, category, state, since, through, status,
                                        status_since, at, add_ons)
                        ON CONFLICT (endorsement_number) DO NOTHING""", columns);
                grants.clear();
            }
            if (!changes.isEmpty()) {
                int[] changed = jdbc.batchUpdate("UPDATE " + table + """
                         SET status = COALESCE(?::varchar, status), status_since = COALESCE(?::date, status_since),
                            valid_through = COALESCE(?::date, valid_through),
                            tenant_id = COALESCE(?::varchar, tenant_id), state = COALESCE(?::varchar, state),
                            changed_at = ?
                        WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED'""", changes);
                for (int i = 0; i < changed.length; i++) {
                    if (changed[i] == 0) {
                        log.info("{} comes after a transfer or before the last change applied; ignored",
                                changeNames.get(i));
                    }
                }
                changes.clear();
                changeNames.clear();
            }
            if (!parked.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO " + pendingTable()
                        + " (event_id, endorsement_number, event_type, effective_at, event) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", parked);
                parked.clear();
            }
        }

        private static Object text(String value) {
            return value == null ? new SqlParameterValue(Types.VARCHAR, null) : value;
        }
    }

    /** Takes the endorsements' locks in one order (by key), so that two batches never wait for each other. */
    private void lockAll(String[] numbers) {
        jdbc.query("""
                SELECT pg_advisory_xact_lock(lock_key) FROM (
                    SELECT DISTINCT hashtext(?::text || ':' || number) AS lock_key
                    FROM unnest(?::varchar[]) AS number ORDER BY lock_key) AS keys""",
                rs -> { }, table, numbers);
    }

    /**
     * Which of these numbers are listed. Each is looked up by its key: {@code = ANY(array)} lets the planner compare
     * every row with every number instead, which it does on a table it has no statistics of yet (a rebuild's).
     */
    private Set<String> listedAmong(String[] numbers) {
        return new HashSet<>(jdbc.queryForList("SELECT e.endorsement_number FROM unnest(?::varchar[]) AS n(number)"
                + " JOIN " + table + " AS e ON e.endorsement_number = n.number", String.class, (Object) numbers));
    }

    private void change(IntegrationEvent event, String number, Instant at) {
        int changed;
        if (event instanceof EndorsementLapsed) {
            changed = setStatus(number, EndorsementStatus.LAPSED, at);
        } else if (event instanceof EndorsementRevoked) {
            changed = setStatus(number, EndorsementStatus.REVOKED, at);
        } else if (event instanceof EndorsementInactivated) {
            changed = setStatus(number, EndorsementStatus.INACTIVE, at);
        } else if (event instanceof EndorsementReactivated reactivated) {
            changed = jdbc.update("UPDATE " + table + " SET status = 'ACTIVE', status_since = ?, valid_through = ?, "
                    + "changed_at = ? "
                    + "WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED'",
                    date(at), Date.valueOf(reactivated.validThrough()), Timestamp.from(at), number, Timestamp.from(at));
        } else if (event instanceof EndorsementRenewed renewed) {
            changed = jdbc.update("UPDATE " + table + " SET valid_through = ?, changed_at = ? "
                    + "WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED'",
                    Date.valueOf(renewed.validThrough()), Timestamp.from(at), number, Timestamp.from(at));
        } else if (event instanceof EndorsementTransferred transferred) {
            changed = transfer(transferred, at);
        } else {
            return;
        }
        if (changed == 0) {
            // Its number moved on with a transfer, or a later change was applied already.
            log.info("{} of {} at {} comes after a transfer or before the last change applied; ignored",
                    event.getClass().getSimpleName(), number, at);
        }
    }

    private int setStatus(String number, EndorsementStatus status, Instant at) {
        return jdbc.update("UPDATE " + table + " SET status = ?, status_since = ?, changed_at = ? "
                + "WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED'",
                status.name(), date(at), Timestamp.from(at), number, Timestamp.from(at));
    }

    /**
     * The endorsement moves to the new association's state, under its new number if it was given one, valid through
     * the date realigned to that association's cycle (kept as it was when the event carries none).
     */
    private int transfer(EndorsementTransferred transferred, Instant at) {
        String number = transferred.endorsementNumber();
        String newNumber = transferred.newEndorsementNumber();
        Date validThrough = transferred.validThrough() == null ? null : Date.valueOf(transferred.validThrough());
        if (newNumber == null || newNumber.equals(number)) {
            return jdbc.update("UPDATE " + table + " SET tenant_id = ?, state = ?, "
                    + "valid_through = COALESCE(?, valid_through), changed_at = ? "
                    + "WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED'",
                    transferred.toTenantId(), state(transferred.toTenantId()), validThrough, Timestamp.from(at),
                    number, Timestamp.from(at));
        }
        jdbc.update("INSERT INTO " + table + """
                 (endorsement_number, tenant_id, name, name_folded, category, state, endorsed_since, valid_through,
                  status, status_since, changed_at, add_ons)
                SELECT ?, ?, name, name_folded, category, ?, endorsed_since, COALESCE(?, valid_through), status,
                       status_since, ?, add_ons
                FROM\s""" + table + " WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED' "
                + "ON CONFLICT (endorsement_number) DO NOTHING",
                newNumber, transferred.toTenantId(), state(transferred.toTenantId()), validThrough,
                Timestamp.from(at), number, Timestamp.from(at));
        int changed = jdbc.update("UPDATE " + table + " SET status = 'TRANSFERRED', status_since = ?, "
                + "transferred_to = ?, changed_at = ? "
                + "WHERE endorsement_number = ? AND changed_at <= ? AND status <> 'TRANSFERRED'",
                date(at), newNumber, Timestamp.from(at), number, Timestamp.from(at));
        applyPendingChanges(newNumber);
        return changed;
    }

    private void applyPendingChanges(String number) {
        List<Object[]> pending = jdbc.query("SELECT event_type, event FROM " + pendingTable()
                + " WHERE endorsement_number = ? ORDER BY effective_at",
                (rs, n) -> new Object[]{rs.getString("event_type"), rs.getString("event")}, number);
        if (pending.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM " + pendingTable() + " WHERE endorsement_number = ?", number);
        for (Object[] change : pending) {
            IntegrationEvent event = fromJson((String) change[0], (String) change[1]);
            change(event, number, Objects.requireNonNull(effectiveAt(event)));
        }
    }

    /** Each registry table has its own waiting changes, so that a rebuild does not take the live table's. */
    private String pendingTable() {
        return "registry_entry".equals(table) ? "registry_pending_change" : table + "_pending";
    }

    /**
     * How many active names, in name order, a search by part of a name walks before it turns to the trigram index:
     * a part shared by at least one name in fifty fills a first page within them. Walking them reads only the index
     * of names in order (well under a millisecond).
     */
    static final int NAMES_WALKED = 1000;

    /**
     * Active endorsees that match, in name order (then number, so that pages never overlap or skip). A part of a name
     * is looked for first among the first {@link #NAMES_WALKED} names in order, which serves the parts many names
     * share; only if they do not fill the page are all the names containing it fetched through the trigram index and
     * sorted, which serves the rare parts. Asked in one statement, the planner cannot tell which of the two a part
     * needs, and a common part found only late in the order ("zoe") made it walk most of the table.
     */
    public RegistryPage search(RegistrySearch search) {
        List<RegistryEntry> found = null;
        if (walkFirst(search)) {
            SearchStatement walk = walkStatement(search);
            List<RegistryEntry> walked = jdbc.query(walk.sql(), ENTRY, walk.arguments().toArray());
            if (walked.size() > search.size()) {
                found = walked;
            }
        }
        if (found == null) {
            SearchStatement statement = searchStatement(search);
            found = jdbc.query(statement.sql(), ENTRY, statement.arguments().toArray());
        }
        boolean hasMore = found.size() > search.size();
        return new RegistryPage(hasMore ? found.subList(0, search.size()) : found, hasMore);
    }

    /** A search as the database is asked it. */
    record SearchStatement(String sql, List<Object> arguments) {
    }

    /**
     * Whether a walk of the first names in order may fill the page: it needs a part of a name (otherwise the order
     * alone serves), a page near the start, and at most one category (several are not in one index's order).
     */
    private static boolean walkFirst(RegistrySearch search) {
        return hasName(search) && search.categories().size() <= 1 && search.addOns().isEmpty()
                && (long) (search.page() + 1) * search.size() < NAMES_WALKED / 2;
    }

    /**
     * The first {@link #NAMES_WALKED} active names in order (with the state and category asked), read from an index
     * alone, and of those the ones containing the part, joined to their rows.
     */
    SearchStatement walkStatement(RegistrySearch search) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT entry.* FROM (SELECT name_folded, endorsement_number FROM ")
                .append(table).append(" WHERE status = 'ACTIVE'");
        filters(search, sql, arguments);
        sql.append(" ORDER BY name_folded, endorsement_number LIMIT ").append(NAMES_WALKED).append(") AS walked JOIN ")
                .append(table).append(" AS entry USING (endorsement_number) WHERE walked.name_folded LIKE ?")
                .append(" ORDER BY walked.name_folded, walked.endorsement_number");
        arguments.add(containing(search.name()));
        page(search, sql);
        return new SearchStatement(sql.toString(), arguments);
    }

    /**
     * Every active endorsee that matches, then sorted and paged. With a part of a name, the matches are gathered
     * first ({@code MATERIALIZED}), so that the planner finds them through the trigram index on {@code name_folded}
     * rather than walking the whole order for them.
     */
    SearchStatement searchStatement(RegistrySearch search) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (hasName(search)) {
            sql.append("WITH found AS MATERIALIZED (SELECT * FROM ").append(table)
                    .append(" WHERE status = 'ACTIVE' AND name_folded LIKE ?");
            arguments.add(containing(search.name()));
            filters(search, sql, arguments);
            sql.append(") SELECT * FROM found");
        } else {
            sql.append("SELECT * FROM ").append(table).append(" WHERE status = 'ACTIVE'");
            filters(search, sql, arguments);
        }
        sql.append(" ORDER BY name_folded, endorsement_number");
        page(search, sql);
        return new SearchStatement(sql.toString(), arguments);
    }

    private static boolean hasName(RegistrySearch search) {
        return search.name() != null && !search.name().isBlank();
    }

    /** The LIKE pattern of names containing {@code name}, folded as stored, its wildcards taken literally. */
    private static String containing(String name) {
        return "%" + Names.fold(name).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void filters(RegistrySearch search, StringBuilder sql, List<Object> arguments) {
        if (search.state() != null && !search.state().isBlank()) {
            sql.append(" AND state = ?");
            arguments.add(search.state().toUpperCase(Locale.ROOT));
        }
        if (search.addOns().isEmpty() && !search.categories().isEmpty()) {
            sql.append(" AND category IN (").append(String.join(", ", search.categories().stream()
                    .map(c -> "?").toList())).append(')');
            search.categories().forEach(c -> arguments.add(c.toUpperCase(Locale.ROOT)));
        } else if (!search.addOns().isEmpty()) {
            // In one of the categories, or holding one of the add-ons.
            sql.append(" AND (category = ANY (?::varchar[]) OR add_ons && ?::varchar[])");
            arguments.add(search.categories().stream().map(c -> c.toUpperCase(Locale.ROOT)).toArray(String[]::new));
            arguments.add(search.addOns().toArray(String[]::new));
        }
    }

    /** The page asked, with one row more to tell whether another page follows. */
    private static void page(RegistrySearch search, StringBuilder sql) {
        sql.append(" LIMIT ").append(search.size() + 1).append(" OFFSET ").append((long) search.page() * search.size());
    }

    /** The endorsement with this number, whatever its status. */
    public Optional<EndorsementRecord> find(String endorsementNumber) {
        return jdbc.query("SELECT * FROM " + table + " WHERE endorsement_number = ?", RECORD, endorsementNumber)
                .stream().findFirst();
    }

    /** Every endorsement, in number order: what a rebuild compares. */
    public List<EndorsementRecord> all() {
        return jdbc.query("SELECT * FROM " + table + " ORDER BY endorsement_number", RECORD);
    }

    private static String numberOf(IntegrationEvent event) {
        return event.partitionKey();
    }

    /** When a lifecycle change took effect; null for an event the registry does not follow. */
    private static Instant effectiveAt(IntegrationEvent event) {
        if (event instanceof EndorsementLapsed lapsed) {
            return lapsed.lapsedAt();
        } else if (event instanceof EndorsementRevoked revoked) {
            return revoked.revokedAt();
        } else if (event instanceof EndorsementInactivated inactivated) {
            return inactivated.inactivatedAt();
        } else if (event instanceof EndorsementReactivated reactivated) {
            return reactivated.reactivatedAt();
        } else if (event instanceof EndorsementRenewed renewed) {
            return renewed.renewedAt();
        } else if (event instanceof EndorsementTransferred transferred) {
            return transferred.transferredAt();
        }
        return null;
    }

    private static String state(String tenantId) {
        return tenantId.toUpperCase(Locale.ROOT);
    }

    private static Date date(Instant at) {
        return Date.valueOf(at.atZone(ZoneOffset.UTC).toLocalDate());
    }

    private String toJson(IntegrationEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private IntegrationEvent fromJson(String type, String event) {
        try {
            return json.readValue(event, IntegrationEventType.ofType(type).payloadType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a waiting " + type, e);
        }
    }
}
