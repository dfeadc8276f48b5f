package org.iecmh.endorsement.gateway;

import reactor.core.publisher.Mono;

/** How many requests each client has sent to the rate-limited paths, per minute. */
interface RequestCounts {

    /** Counts one more request of the client in the minute (minutes since the epoch) and answers its count so far. */
    Mono<Integer> increment(String client, long minute);
}
