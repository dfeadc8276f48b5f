package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.iecmh.endorsement.kit.time.IsoText;

import java.time.Instant;

/**
 * Reads back the timestamp text an event was stored with. Axon writes it as {@code 2026-12-02T21:30:00.123Z}
 * ({@link DateTimeUtils#formatInstant}) and parses it with a general ISO formatter each time an event is read,
 * which took a seventh of the time of replaying a stream. This reads that one form directly ({@link IsoText}) and
 * hands anything else (an offset, a form written by other code) to Axon's parser, so that it answers as Axon does.
 */
final class StoredTimestamp {

    private StoredTimestamp() {
    }

    static Instant parse(String text) {
        Instant read = IsoText.utcInstant(text);
        return read != null ? read : DateTimeUtils.parseInstant(text);
    }
}
