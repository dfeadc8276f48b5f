package org.iecmh.endorsement.registry.rebuild;

import java.time.Instant;

/**
 * How far a rebuild has come: events read of those on the topics when it started (more may arrive meanwhile and are
 * read before the switch), and the entries of the new registry.
 */
public record RebuildProgress(String id, State state, long eventsRead, long eventsToRead, long entries,
                              Instant startedAt, Instant finishedAt, String failure) {

    public enum State { RUNNING, DONE, FAILED }

    RebuildProgress read(long events, long entriesSoFar) {
        return new RebuildProgress(id, state, eventsRead + events, eventsToRead, entriesSoFar, startedAt, null, null);
    }

    RebuildProgress done(long entriesAtTheEnd, Instant at) {
        return new RebuildProgress(id, State.DONE, eventsRead, eventsToRead, entriesAtTheEnd, startedAt, at, null);
    }

    RebuildProgress failed(String why, Instant at) {
        return new RebuildProgress(id, State.FAILED, eventsRead, eventsToRead, entries, startedAt, at, why);
    }
}
