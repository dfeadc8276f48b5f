package org.iecmh.endorsement.kit.readmodel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds back the INSERT, UPDATE and DELETE statements run through Spring's JDBC support in the current transaction,
 * and sends those of the same SQL together: for replaying many events into read-model tables (a rebuild, an audit's
 * past state) at the pace of reading them rather than a round trip per statement. The rows of a plain
 * {@code INSERT ... VALUES (...)} (optionally {@code ON CONFLICT ... DO NOTHING}) go as INSERTs of many rows each,
 * which the server executes as one statement each; other writes go as one JDBC batch per SQL.
 * <p>
 * Writes are held back per table, each table's in the order they were run. A projection that writes two tables for
 * one event (a row here, a row there) therefore still sends two statements for a thousand events, not two thousand:
 * writes to two different tables commute. A write that reads other tables ({@code FROM}, {@code JOIN} or
 * {@code USING} in it, a sub-select among them) is held back too when each of those is a plain table: what is held
 * back for a table it reads is sent before it, and it is sent before any later write to a table it reads. A write
 * whose table has foreign keys or triggers, or that reads something that is not a plain table (a view, a function),
 * sends everything held back first and is sent at once. Within one table, a statement whose SQL was held back
 * earlier, behind another SQL, sends that table's statements first, so each table sees its writes in their order.
 * A query whose SQL names only plain tables ({@code FROM}, {@code JOIN}, {@code USING}, sub-selects included) sends
 * what is held back for those tables first, and leaves the rest held back; any other use of the connection (a query
 * of a view, a function or an unnamed sub-select, DDL) sends everything held back first. So a replay whose outcome is
 * read from a few of its tables need not send the writes to the others at all ({@link #sendAheadOnly},
 * {@link #discard}).
 * <p>
 * Works by binding, for the transaction's DataSource, a connection that wraps the transaction's own; closing puts the
 * own one back. A held-back statement's parameters are kept as they were set and bound when it is sent. While it is
 * open, a held-back update answers 1 whatever it changed: projections must not decide on the count of rows an update
 * changed.
 * <p>
 * Length: the connection and statement wrappers and the rules above (what commutes, what must be sent first) are
 * one mechanism whose correctness depends on seeing them together; split, a reader could no longer check the order.
 */
public final class HeldBackWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldBackWrites.class);

    /** Rows held back before everything is sent, unless raised (a multiple of {@link MultiRow#MOST_ROWS}). */
    private static final int MOST_HELD_BACK = 1024;
    /** Rows of the tables not sent ahead held back before they are sent all the same: memory is bounded. */
    private static final int MOST_DEFERRED = 65_536;
    /** The most parameters one statement may have (the protocol counts them in 16 bits). */
    private static final int MOST_PARAMETERS = 32_767;
    private static final Set<String> HARMLESS = Set.of("equals", "hashCode", "toString", "isClosed", "unwrap",
            "isWrapperFor", "getWarnings", "clearWarnings", "getAutoCommit", "getTransactionIsolation", "close",
            "getMetaData");
    /** What may be asked of the connection while held-back writes are sent on it: nothing that talks to the server. */
    private static final Set<String> ALONGSIDE = Set.of("equals", "hashCode", "toString", "isClosed", "unwrap",
            "isWrapperFor", "close", "getMetaData");
    /** Parameters whose value is read when the statement runs, not when it is set: such a write is sent at once. */
    private static final Set<String> READ_LATER = Set.of("setAsciiStream", "setBinaryStream", "setCharacterStream",
            "setNCharacterStream", "setUnicodeStream", "setBlob", "setClob", "setNClob", "setSQLXML");
    /** The verb and the table a write names: {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}. */
    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(?:ONLY\\s+)?([A-Za-z_][A-Za-z0-9_.]*)",
            Pattern.CASE_INSENSITIVE);
    /** Where a statement names a relation it reads, and the name (null when what follows is not a name). */
    private static final Pattern READ = Pattern.compile(
            "\\b(?:FROM|JOIN|USING)\\s+(?:ONLY\\s+)?(?:([A-Za-z_][A-Za-z0-9_.]*)\\b(?!\\s*\\()|)",
            Pattern.CASE_INSENSITIVE);
    /** After a name read, another in a list ({@code FROM a, b} or {@code FROM a x, b y}). */
    private static final Pattern LISTED = Pattern.compile("\\G\\s*(?:(?:AS\\s+)?[A-Za-z_][A-Za-z0-9_]*\\s*)?,",
            Pattern.CASE_INSENSITIVE);
    /** An INSERT of one row of values, its parameters all in that row, and what may follow it. */
    private static final Pattern ONE_ROW = Pattern.compile(
            "^(\\s*INSERT\\s+INTO\\s+(?:ONLY\\s+)?[A-Za-z_][A-Za-z0-9_.]*\\s*(?:\\([^()]*\\))?\\s*)VALUES\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DEFAULT = Pattern.compile("\\bDEFAULT\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern AFTER_ROW = Pattern.compile(
            "^\\s*(?:ON\\s+CONFLICT\\s*(?:\\([^()]*\\)|ON\\s+CONSTRAINT\\s+[A-Za-z_][A-Za-z0-9_]*)?\\s*DO\\s+NOTHING)?"
                    + "\\s*;?\\s*$", Pattern.CASE_INSENSITIVE);

    private final DataSource dataSource;
    private final ConnectionHolder own;
    private final Connection target;
    /** Per SQL run so far: how its writes are held back. */
    private final Map<String, Held> held = new HashMap<>();
    /** What the database said of tables and statements. */
    private final Catalog catalog;
    /** Per table, in the order tables were first written: the SQL held back for it, each in the order first run. */
    private final Map<String, List<String>> heldBack = new LinkedHashMap<>();
    /** Per table read by a held-back write: the tables whose held-back writes read it. */
    private final Map<String, Set<String>> readers = new HashMap<>();
    private int heldBackRows;
    /** Rows held back before they are sent unasked (see {@link #holdUpTo}). */
    private int mostHeldBack = MOST_HELD_BACK;
    /** Of those, the rows of tables a hand-over keeps back (see {@link #sendAheadOnly}). */
    private int deferredRows;
    /** The tables whose writes a hand-over sends; null: every table. */
    private Set<String> sentAhead;
    /** The tables the queries since {@link #forgetQueried} read; null once one read what is not a named table. */
    private Set<String> queried = new HashSet<>();
    private final AtomicLong batchesSent = new AtomicLong();
    /** Sends what {@link #sendInBackground} hands over: each instance has one hand-over at a time in it. */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicLong made = new AtomicLong();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "held-back-writes-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });
    /** Whether writes were handed over to be sent in the background (the limit of rows held then hands over). */
    private boolean inBackground;
    /** The hand-over being sent, if any: everything else waits for it before using the connection. */
    private Future<?> sending;

    private HeldBackWrites(DataSource dataSource, ConnectionHolder own, Catalog catalog) {
        this.dataSource = dataSource;
        this.own = own;
        this.catalog = catalog;
        this.target = own == null ? null : own.getConnection();
    }

    /**
     * What the database said of the tables written (whether each stands alone, whether a name read is a plain table)
     * and of the statements (their parameters' types): kept by a caller that replays into the same tables again and
     * again, so that each is asked once rather than once per transaction. Thread-safe.
     */
    public static final class Catalog {

        private final Map<String, Boolean> tables = new ConcurrentHashMap<>();
        private final Map<String, List<String>> parameterTypes = new ConcurrentHashMap<>();
    }

    /** Holds back the writes of the transaction bound to this thread; does nothing outside of one. */
    public static HeldBackWrites inThisTransaction(DataSource dataSource) {
        return inThisTransaction(dataSource, new Catalog());
    }

    /** As {@link #inThisTransaction(DataSource)}, with what the database said kept in {@code catalog}. */
    public static HeldBackWrites inThisTransaction(DataSource dataSource, Catalog catalog) {
        ConnectionHolder own = dataSource == null ? null
                : (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
        HeldBackWrites writes = new HeldBackWrites(dataSource, own, catalog);
        if (own != null) {
            Connection wrapper = (Connection) Proxy.newProxyInstance(HeldBackWrites.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, writes::onConnection);
            ConnectionHolder holder = new ConnectionHolder(wrapper, true);
            holder.setSynchronizedWithTransaction(true);
            TransactionSynchronizationManager.unbindResource(dataSource);
            TransactionSynchronizationManager.bindResource(dataSource, holder);
        }
        return writes;
    }

    /** Sends everything held back, table by table, each table's statements in their order. */
    public void flush() {
        awaitSending();
        if (heldBackRows == 0) {
            return;
        }
        List<Sending> all = handOver(false, false);
        for (Sending each : all) {
            send(each.statement(), each.rows());
        }
    }

    /**
     * Holds up to {@code rows} back before sending them unasked ({@value #MOST_HELD_BACK} unless raised): for a caller
     * that hands them over at its own pace ({@link #sendInBackground}), a page of events at a time, so that a page's
     * writes go at once, while it reads and replays the next, rather than part of them while it still replays that
     * page (the next hand-over, or the next read, would then wait for them).
     */
    public void holdUpTo(int rows) {
        mostHeldBack = Math.max(rows, MultiRow.MOST_ROWS);
    }

    /**
     * From now on, a hand-over ({@link #sendInBackground}) sends only the writes to these tables and keeps the others
     * back until something reads them: for a replay whose outcome is read from some of its tables only (an audit's
     * past state), the writes to the others may never have to be sent (see {@link #discard}). Past
     * {@value #MOST_DEFERRED} rows kept back, every table is sent again.
     */
    public void sendAheadOnly(Set<String> tables) {
        sentAhead = tables.stream().map(table -> table.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        deferredRows = 0;
        heldBack.forEach((table, statements) -> {
            if (!sentAhead.contains(table)) {
                statements.forEach(sql -> deferredRows += held.get(sql).rows.size());
            }
        });
    }

    /** Forgets which tables queries read so far; {@link #tablesQueried} tells those read after this. */
    public void forgetQueried() {
        queried = new HashSet<>();
    }

    /**
     * The tables the queries on the connection read since {@link #forgetQueried} (or since this was opened), each as
     * the SQL names it; empty if a query read something else than plain tables named in it (a view, a function, a
     * sub-select in its FROM), which sends every write held back.
     */
    public Optional<Set<String>> tablesQueried() {
        return Optional.ofNullable(queried).map(Set::copyOf);
    }

    /**
     * Drops every write still held back, unsent: for a replay that rolls its transaction back and has read what it
     * needed (every query sent the writes to the tables it read first).
     */
    public void discard() {
        awaitSending();
        heldBack.clear();
        readers.clear();
        held.values().forEach(statement -> statement.rows = new ArrayList<>());
        heldBackRows = 0;
        deferredRows = 0;
    }

    /**
     * Hands everything held back to a thread of its own, which sends it as {@link #flush} would while this thread
     * goes on (replaying the next events): the connection is the transaction's, so anything else that uses it, a
     * flush or the next hand-over among them, first waits until that is sent, and a failure to send it is thrown
     * there.
     */
    public void sendInBackground() {
        awaitSending();
        if (heldBackRows == 0 || own == null) {
            return;
        }
        // Rows kept for a whole INSERT wait for the next hand-over, unless they are as many as may be held back.
        List<Sending> all = handOver(heldBackRows - deferredRows < mostHeldBack, sentAhead != null);
        if (all.isEmpty()) {
            return;
        }
        inBackground = true;
        sending = SENDERS.submit(() -> all.forEach(each -> send(each.statement(), each.rows())));
    }

    /**
     * Runs {@code read} on the transaction's connection once nothing is being sent, without sending what is held
     * back: for reading what no held-back write changes (the event store a replay reads).
     */
    public <T> T read(Function<Connection, T> read) {
        awaitSending();
        return read.apply(target);
    }

    @Override
    public void close() {
        if (own == null) {
            return;
        }
        try {
            flush();
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
            TransactionSynchronizationManager.bindResource(dataSource, own);
            held.values().forEach(Held::close);
        }
    }

    /** How many statements were sent so far for held-back writes: what a replay cost in round trips for them. */
    public long batchesSent() {
        return batchesSent.get();
    }

    /** Rows of one SQL, taken from what is held back to be sent. */
    private record Sending(Held statement, List<List<Call>> rows) {
    }

    /**
     * Takes everything held back, in the order it is to be sent. With {@code wholeInsertsOnly}, a table whose rows are
     * all of one multi-row INSERT keeps the rows that would not fill one (the newest) for the next hand-over: that
     * reorders nothing, as its rows keep their order and other tables' writes commute with them. With
     * {@code aheadOnly}, the tables not sent ahead keep all of theirs.
     */
    private List<Sending> handOver(boolean wholeInsertsOnly, boolean aheadOnly) {
        List<Sending> all = new ArrayList<>();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> table : heldBack.entrySet()) {
            if (aheadOnly && !sentAhead.contains(table.getKey())) {
                kept.put(table.getKey(), table.getValue());
                continue;
            }
            for (String sql : table.getValue()) {
                Held statement = held.get(sql);
                List<List<Call>> rows = statement.rows;
                int whole = rows.size();
                if (wholeInsertsOnly && statement.multiRow != null && table.getValue().size() == 1) {
                    whole -= rows.size() % statement.multiRow.rows();
                }
                statement.rows = new ArrayList<>(rows.subList(whole, rows.size()));
                if (!statement.rows.isEmpty()) {
                    kept.put(table.getKey(), new ArrayList<>(List.of(sql)));
                }
                if (whole > 0) {
                    all.add(new Sending(statement, whole == rows.size() ? rows : rows.subList(0, whole)));
                }
            }
        }
        heldBack.clear();
        heldBack.putAll(kept);
        readers.clear();
        heldBackRows = 0;
        deferredRows = 0;
        kept.forEach((table, statements) -> {
            for (String sql : statements) {
                Held statement = held.get(sql);
                heldBackRows += statement.rows.size();
                if (keptBack(table)) {
                    deferredRows += statement.rows.size();
                }
                statement.reads.forEach(read -> readers.computeIfAbsent(read, r -> new HashSet<>()).add(table));
            }
        });
        return all;
    }

    /**
     * Waits until the hand-over being sent is sent; throws what sending it threw. An interrupt does not cut the wait
     * short (the connection must be free before the transaction goes on or ends); it is kept for the caller.
     */
    private void awaitSending() {
        Future<?> pending = sending;
        if (pending == null) {
            return;
        }
        sending = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException failure ? failure
                            : new IllegalStateException("Sending held-back writes failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a hand-over keeps the table's writes back (see {@link #sendAheadOnly}). */
    private boolean keptBack(String table) {
        return sentAhead != null && !sentAhead.contains(table);
    }

    /**
     * Sends what is held back for one table, in order. With nothing held back for it, it does not wait for a hand-over
     * being sent: whatever is held back later goes after that anyway.
     */
    private void flush(String table) {
        if (!heldBack.containsKey(table)) {
            return;
        }
        awaitSending();
        List<String> statements = heldBack.remove(table);
        readers.values().forEach(readBy -> readBy.remove(table));
        for (String sql : statements) {
            Held statement = held.get(sql);
            List<List<Call>> rows = statement.rows;
            statement.rows = new ArrayList<>();
            heldBackRows -= rows.size();
            if (keptBack(table)) {
                deferredRows -= rows.size();
            }
            send(statement, rows);
        }
    }

    private void send(Held statement, List<List<Call>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            int sent = 0;
            if (statement.multiRow != null && rows.size() >= statement.multiRow.rows()) {
                int each = statement.multiRow.rows();
                PreparedStatement insert = statement.multiRow(target, catalog);
                for (; sent + each <= rows.size(); sent += each) {
                    for (int row = 0; row < each; row++) {
                        bind(insert, rows.get(sent + row), row * statement.multiRow.parameters());
                    }
                    insert.addBatch();
                }
                batchesSent.incrementAndGet();
                insert.executeBatch();
            }
            if (sent < rows.size()) {
                PreparedStatement batch = statement.single(target);
                for (List<Call> row : rows.subList(sent, rows.size())) {
                    bind(batch, row, 0);
                    batch.addBatch();
                }
                batchesSent.incrementAndGet();
                batch.executeBatch();
            }
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new IllegalStateException("Sending " + rows.size() + " x " + statement.sql + " failed", cause);
        }
    }

    /** Holds back one row of a write to {@code statement.table}, after what must reach the database before it. */
    private void holdBack(Held statement, List<Call> row) {
        String table = statement.table;
        for (String read : statement.reads) {
            if (!read.equals(table)) {
                flush(read);
            }
        }
        Set<String> readBy = readers.get(table);
        if (readBy != null) {
            for (String reader : List.copyOf(readBy)) {
                if (!reader.equals(table)) {
                    flush(reader);
                }
            }
        }
        List<String> statements = heldBack.computeIfAbsent(table, t -> new ArrayList<>());
        String sql = statement.sql;
        if (!statements.isEmpty() && !statements.get(statements.size() - 1).equals(sql) && statements.contains(sql)) {
            // This SQL is held back behind another of the same table: those go first, in their order.
            flush(table);
            statements = heldBack.computeIfAbsent(table, t -> new ArrayList<>());
        }
        if (statements.isEmpty() || !statements.get(statements.size() - 1).equals(sql)) {
            statements.add(sql);
        }
        statement.rows.add(row);
        for (String read : statement.reads) {
            readers.computeIfAbsent(read, r -> new HashSet<>()).add(table);
        }
        heldBackRows++;
        if (keptBack(table) && ++deferredRows >= MOST_DEFERRED) {
            // Too many to keep back: every table is sent from now on.
            sentAhead = null;
            deferredRows = 0;
        }
        if (heldBackRows - deferredRows >= mostHeldBack) {
            if (inBackground) {
                sendInBackground();
            } else {
                flush();
            }
        }
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close")) {
            // The transaction manager closes the own connection when the transaction ends.
            return null;
        }
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                && args[0] instanceof String sql) {
            if (isWrite(sql)) {
                Held statement = held.computeIfAbsent(sql, this::heldBackAs);
                return Proxy.newProxyInstance(HeldBackWrites.class.getClassLoader(),
                        new Class<?>[]{PreparedStatement.class}, new Write((Connection) proxy, statement));
            }
            Set<String> reads = tablesRead(sql);
            if (reads != null) {
                // A query sees what was held back for the tables it reads; the others' writes may wait.
                awaitSending();
                reads.forEach(this::flush);
                if (queried != null) {
                    queried.addAll(reads);
                }
                return invoke(target, method, args);
            }
        }
        if (!HARMLESS.contains(method.getName())) {
            queried = null;
            flush();
        } else if (!ALONGSIDE.contains(method.getName())) {
            awaitSending();
        }
        return invoke(target, method, args);
    }

    /** One use of a write's SQL: its parameters are kept until it runs, then held back with it or sent at once. */
    private final class Write implements InvocationHandler {

        private final Connection connection;
        private final Held statement;
        private List<Call> parameters = new ArrayList<>();

        Write(Connection connection, Held statement) {
            this.connection = connection;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == PreparedStatement.class && name.startsWith("set") && args != null
                    && args.length >= 2 && args[0] instanceof Integer) {
                parameters.add(new Call(method, args.clone()));
                return null;
            }
            switch (name) {
                case "clearParameters" -> {
                    parameters.clear();
                    return null;
                }
                case "executeUpdate", "execute", "executeLargeUpdate" -> {
                    if (args == null || args.length == 0) {
                        if (statement.table != null && parameters.stream().noneMatch(Call::readLater)) {
                            holdBack(statement, parameters);
                            parameters = new ArrayList<>();
                            return switch (name) {
                                case "execute" -> false;
                                case "executeLargeUpdate" -> 1L;
                                default -> 1;
                            };
                        }
                    }
                    return sendNow(method, args);
                }
                case "close" -> {
                    // The real statement is kept for the next write of the same SQL; closed with this.
                    parameters.clear();
                    return null;
                }
                case "getUpdateCount" -> {
                    return 1;
                }
                case "getConnection" -> {
                    return connection;
                }
                case "isClosed" -> {
                    return false;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "held back: " + statement.sql;
                }
                case "getWarnings", "clearWarnings", "unwrap", "isWrapperFor" -> {
                    awaitSending();
                    return HeldBackWrites.invoke(statement.single(target), method, args);
                }
                default -> {
                    if (name.startsWith("set")) {
                        // A setting of the statement (a timeout, a fetch size), not a parameter.
                        awaitSending();
                        return HeldBackWrites.invoke(statement.single(target), method, args);
                    }
                    if (name.startsWith("execute") || name.equals("addBatch")) {
                        return sendNow(method, args);
                    }
                    flush();
                    PreparedStatement real = statement.single(target);
                    bind(real, parameters, 0);
                    return HeldBackWrites.invoke(real, method, args);
                }
            }
        }

        /** Sends everything held back, then this with its parameters, on the real statement. */
        private Object sendNow(Method method, Object[] args) throws Throwable {
            flush();
            PreparedStatement real = statement.single(target);
            bind(real, parameters, 0);
            parameters = new ArrayList<>();
            return HeldBackWrites.invoke(real, method, args);
        }
    }

    /** How the writes of one SQL are held back. */
    private static final class Held {

        final String sql;
        /** The table its writes are held back for, or null if they are sent at once. */
        final String table;
        /** The tables it reads, besides its own. */
        final Set<String> reads;
        /** Its rows as one multi-row INSERT, or null if it is sent as a batch. */
        final MultiRow multiRow;
        /** Its rows held back, each the parameters it was run with. */
        List<List<Call>> rows = new ArrayList<>();
        private PreparedStatement single;
        private PreparedStatement multi;

        Held(String sql, String table, Set<String> reads, MultiRow multiRow) {
            this.sql = sql;
            this.table = table;
            this.reads = reads;
            this.multiRow = multiRow;
        }

        PreparedStatement single(Connection target) throws SQLException {
            if (single == null) {
                single = target.prepareStatement(sql);
            }
            return single;
        }

        /** The statement of {@code multiRow.rows()} rows, kept so that the server plans it once. */
        PreparedStatement multiRow(Connection target, Catalog catalog) throws SQLException {
            if (multi == null) {
                List<String> types = catalog.parameterTypes.get(sql);
                if (types == null) {
                    types = parameterTypes(single(target));
                    catalog.parameterTypes.put(sql, types);
                }
                multi = target.prepareStatement(multiRow.sql(types));
            }
            return multi;
        }

        /** The types the server gives the statement's parameters; none if it does not say. */
        private static List<String> parameterTypes(PreparedStatement statement) {
            try {
                ParameterMetaData parameters = statement.getParameterMetaData();
                List<String> types = new ArrayList<>(parameters.getParameterCount());
                for (int i = 1; i <= parameters.getParameterCount(); i++) {
                    String type = parameters.getParameterTypeName(i);
                    if (type == null || !TYPE_NAME.matcher(type).matches()) {
                        return List.of();
                    }
                    types.add(type);
                }
                return List.copyOf(types);
            } catch (SQLException e) {
                log.debug("The types of {}'s parameters are unknown; its rows go as rows of VALUES", statement, e);
                return List.of();
            }
        }

        void close() {
            for (PreparedStatement statement : new PreparedStatement[]{single, multi}) {
                if (statement != null) {
                    try {
                        statement.close();
                    } catch (SQLException e) {
                        log.debug("Could not close a held-back statement", e);
                    }
                }
            }
        }
    }

    /** A parameter set on a held-back statement, bound again when it is sent. */
    private record Call(Method method, Object[] args) {

        boolean readLater() {
            return READ_LATER.contains(method.getName());
        }
    }

    /**
     * An INSERT of one row of values, written for {@code rows} rows. Always as many rows, so that the server parses
     * and plans it once per connection, however many rows a replay holds back (rows left over go as a batch of the
     * one-row statement). Where the server tells the parameters' types, the rows are a table of parameters alone and
     * the row's expressions are computed once from it ({@code INSERT ... SELECT <row> FROM (VALUES ...)}): a sub-select
     * in the row is then planned once, not once per row.
     */
    record MultiRow(String insert, String row, String tail, int parameters, int rows) {

        /** Rows per multi-row INSERT: past about a hundred, what a row saves no longer shows. */
        private static final int MOST_ROWS = 128;

        String sql(List<String> types) {
            StringBuilder sql = new StringBuilder(insert);
            boolean typed = types.size() == parameters && !DEFAULT.matcher(row).find();
            if (typed) {
                sql.append("SELECT ");
                int parameter = 0;
                String expressions = row.substring(1, row.length() - 1);
                for (int i = 0; i < expressions.length(); i++) {
                    char c = expressions.charAt(i);
                    if (c == '?') {
                        sql.append("held_values.held_").append(++parameter);
                    } else {
                        sql.append(c);
                    }
                }
                sql.append(" FROM (VALUES ");
            } else {
                sql.append("VALUES ");
            }
            for (int r = 0; r < rows; r++) {
                if (r > 0) {
                    sql.append(", ");
                }
                if (typed) {
                    sql.append('(');
                    for (int p = 0; p < parameters; p++) {
                        sql.append(p > 0 ? ", ?::" : "?::").append(types.get(p));
                    }
                    sql.append(')');
                } else {
                    sql.append(row);
                }
            }
            if (typed) {
                sql.append(") AS held_values (");
                for (int p = 1; p <= parameters; p++) {
                    sql.append(p > 1 ? ", held_" : "held_").append(p);
                }
                sql.append(')');
            }
            return sql.append(tail).toString();
        }

        /**
         * The multi-row form of {@code sql}, or null when it has none: it is not an INSERT of one row of values, its
         * parameters are not all in that row, something but DO NOTHING follows it (an update on conflict may meet
         * the same row twice in one statement), or it has text a parameter count could miss (quotes, comments).
         */
        static MultiRow of(String sql) {
            if (sql.indexOf('\'') >= 0 || sql.indexOf('"') >= 0 || sql.indexOf('$') >= 0 || sql.contains("--")
                    || sql.contains("/*") || sql.contains("??")) {
                return null;
            }
            Matcher start = ONE_ROW.matcher(sql);
            if (!start.find()) {
                return null;
            }
            int open = start.end() - 1;
            int depth = 0;
            int close = -1;
            for (int i = open; i < sql.length() && close < 0; i++) {
                char c = sql.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    close = i;
                }
            }
            if (close < 0) {
                return null;
            }
            String row = sql.substring(open, close + 1);
            String tail = sql.substring(close + 1);
            int parameters = (int) row.chars().filter(c -> c == '?').count();
            if (parameters == 0 || parameters != sql.chars().filter(c -> c == '?').count()
                    || !AFTER_ROW.matcher(tail).matches()) {
                return null;
            }
            String after = tail.strip().replaceFirst(";$", "").strip();
            String insert = start.group(1).strip() + " ";
            int rows = Math.min(MOST_ROWS, MOST_PARAMETERS / parameters);
            return rows < 2 ? null : new MultiRow(insert, row, after.isEmpty() ? "" : " " + after, parameters, rows);
        }
    }

    /**
     * How {@code sql} is held back: for its table, when the table stands alone (no foreign keys, no triggers) and
     * everything else it reads is a plain table; otherwise sent at once.
     */
    private Held heldBackAs(String sql) {
        Matcher write = WRITE.matcher(sql);
        if (!write.find()) {
            return new Held(sql, null, Set.of(), null);
        }
        String table = write.group(2).toLowerCase(Locale.ROOT);
        Set<String> reads = catalog.tables.computeIfAbsent(table, this::standsAlone)
                ? tablesNamed(sql, write.end()) : null;
        if (reads == null) {
            return new Held(sql, null, Set.of(), null);
        }
        return new Held(sql, table, Set.copyOf(reads), reads.contains(table) ? null : MultiRow.of(sql));
    }

    /**
     * The relations {@code sql} names after {@code from} in a {@code FROM}, {@code JOIN} or {@code USING} (a
     * sub-select's among them), lower-cased; null unless each is a plain table named alone (not a view, a function, a
     * list of relations or a sub-select in a FROM).
     */
    private Set<String> tablesNamed(String sql, int from) {
        Set<String> named = new LinkedHashSet<>();
        Matcher read = READ.matcher(sql);
        read.region(from, sql.length());
        while (read.find()) {
            String name = read.group(1);
            if (name == null || LISTED.matcher(sql).region(read.end(), sql.length()).lookingAt()
                    || !catalog.tables.computeIfAbsent("table " + name.toLowerCase(Locale.ROOT), this::isTable)) {
                return null;
            }
            named.add(name.toLowerCase(Locale.ROOT));
        }
        return named;
    }

    /**
     * The tables a query prepared with its SQL (as Spring's JdbcTemplate prepares one with parameters) reads
     * ({@link #tablesNamed}); null when it may read anything else: it is not a plain {@code SELECT}, it names something
     * else than plain tables, or a name is given with its schema, here or in a held-back write (writes are held back
     * by the names their SQL gives, so one table under two names would be missed).
     */
    private Set<String> tablesRead(String sql) {
        if (!sql.stripLeading().regionMatches(true, 0, "SELECT", 0, "SELECT".length())
                || heldBack.keySet().stream().anyMatch(table -> table.indexOf('.') >= 0)) {
            return null;
        }
        Set<String> reads = tablesNamed(sql, 0);
        return reads == null || reads.stream().anyMatch(table -> table.indexOf('.') >= 0) ? null : reads;
    }

    /** Whether nothing but its own statements acts on the table: no foreign key from or to it, no trigger on it. */
    private boolean standsAlone(String table) {
        return ask("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_constraint
                                   WHERE contype = 'f' AND (conrelid = to_regclass(?) OR confrelid = to_regclass(?)))
                   AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal)
                   AND to_regclass(?) IS NOT NULL""", table, 4);
    }

    /** Whether the name read ({@code "table " + name}) is a plain table (not a view, not a function). */
    private boolean isTable(String key) {
        return ask("SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(?) AND relkind IN ('r', 'p', 'u'))",
                key.substring("table ".length()), 1);
    }

    private boolean ask(String question, String name, int times) {
        awaitSending();
        try (PreparedStatement query = target.prepareStatement(question)) {
            for (int i = 1; i <= times; i++) {
                query.setString(i, name);
            }
            try (ResultSet answer = query.executeQuery()) {
                return answer.next() && answer.getBoolean(1);
            }
        } catch (SQLException e) {
            log.debug("Could not tell about {}; writes that need it are sent at once", name, e);
            return false;
        }
    }

    private static void bind(PreparedStatement statement, List<Call> parameters, int offset) throws SQLException {
        for (Call call : parameters) {
            Object[] args = call.args();
            if (offset != 0) {
                args = args.clone();
                args[0] = (Integer) args[0] + offset;
            }
            try {
                call.method().invoke(statement, args);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static boolean isWrite(String sql) {
        String start = sql.stripLeading();
        int end = 0;
        while (end < start.length() && Character.isLetter(start.charAt(end))) {
            end++;
        }
        String verb = start.substring(0, end).toUpperCase(Locale.ROOT);
        return verb.equals("INSERT") || verb.equals("UPDATE") || verb.equals("DELETE");
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
