package org.iecmh.endorsement.kit.audit;

/** The outcome of checking one or many chains: how much was checked, and the first broken link if any. */
public record ChainVerification(boolean intact, long aggregatesChecked, long eventsChecked, BrokenLink firstBrokenLink) {

    static final class Counter {
        long aggregates;
        long events;

        ChainVerification result(BrokenLink broken) {
            return new ChainVerification(broken == null, aggregates, events, broken);
        }
    }
}
