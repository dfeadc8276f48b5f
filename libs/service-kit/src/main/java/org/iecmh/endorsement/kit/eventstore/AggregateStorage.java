package org.iecmh.endorsement.kit.eventstore;

/**
 * How every aggregate is loaded, named on its {@code @Aggregate}: from a snapshot taken every
 * {@code iecmh.event-store.snapshot-every} events, and kept in memory between commands ({@link AggregateCache}), so
 * that a command's cost does not grow with its aggregate's history:
 * {@code @Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)}.
 * <p>
 * A snapshot is the aggregate's fields as JSON, readable in {@code snapshot_event_entry}. One taken under another
 * {@code @Revision} of the aggregate class is ignored, so raise the revision whenever the aggregate's fields change
 * meaning; the next snapshot is then taken from the events.
 */
public final class AggregateStorage {

    /** The bean name of the snapshot trigger every aggregate uses. */
    public static final String SNAPSHOTS = "aggregateSnapshots";
    /** The bean name of the cache every aggregate uses. */
    public static final String CACHE = "aggregateCache";

    private AggregateStorage() {
    }
}
