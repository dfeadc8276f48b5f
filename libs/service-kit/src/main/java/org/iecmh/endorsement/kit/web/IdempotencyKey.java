package org.iecmh.endorsement.kit.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id a request's {@code Idempotency-Key} names: the same key sent again within the same scope (an association, a
 * person, an application) names the same record, so a retried command finds what its first try made. Without a key,
 * a new id every time.
 */
public final class IdempotencyKey {

    /** The header a client sends the key in. */
    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKey() {
    }

    /** A name-based UUID of the scope's parts and the key, joined by {@code /}; a random one where there is no key. */
    public static String id(String key, String... scope) {
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes((String.join("/", scope) + "/" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
