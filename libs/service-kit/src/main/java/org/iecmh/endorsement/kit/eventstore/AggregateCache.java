package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Aggregates kept in memory between commands, each checked against the head of its chain before it is used: another
 * instance of the service may have extended the stream since, and a stale aggregate would only fail on the taken
 * sequence number. The check is one primary-key read on the command's own transaction. Entries are weakly held, so
 * memory pressure empties the cache rather than the heap.
 */
public class AggregateCache implements Cache {

    private final Cache entries = new WeakReferenceCache();
    private final JdbcTemplate jdbc;

    public AggregateCache(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public <K, V> V get(K key) {
        V entry = entries.get(key);
        if (entry instanceof AggregateCacheEntry<?> cached && !isCurrent(key, cached)) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /** Whether the cached aggregate has seen every stored event of its stream. */
    private boolean isCurrent(Object aggregateId, AggregateCacheEntry<?> cached) {
        Long cachedVersion;
        try {
            // An entry of this in-memory cache still holds its live aggregate, which needs nothing to be recreated.
            EventSourcedAggregate<?> aggregate = cached.recreateAggregate(null, null, null, null);
            cachedVersion = aggregate.version();
        } catch (RuntimeException notLive) {
            return false;
        }
        List<Long> stored = jdbc.queryForList(
                "SELECT sequence_number FROM event_chain_head WHERE aggregate_identifier = ?", Long.class,
                aggregateId.toString());
        return !stored.isEmpty() && Objects.equals(stored.get(0), cachedVersion);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key);
    }

    @Override
    public void removeAll() {
        entries.removeAll();
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return entries.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, update);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return entries.registerCacheEntryListener(listener);
    }
}
