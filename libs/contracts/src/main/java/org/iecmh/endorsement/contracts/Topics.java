package org.iecmh.endorsement.contracts;

import java.util.Set;

/** Kafka topics, one per publishing service. Deployments may prefix them (service-kit's {@code iecmh.kafka.prefix}). */
public final class Topics {

    /** Published by application-service. */
    public static final String APPLICATIONS = "endorsement.applications";
    /** Published by payment-service. */
    public static final String PAYMENTS = "endorsement.payments";
    /** Published by renewal-service: the life of an endorsement after it is granted. */
    public static final String ENDORSEMENTS = "endorsement.endorsements";
    /**
     * Published by association-service: each association's record as it changes, and how each of its people chose to
     * be mailed.
     */
    public static final String ASSOCIATIONS = "endorsement.associations";

    /**
     * Topics whose every record carries the whole state of its key (an association's record, keyed by its code):
     * compacted, so that only the latest record of each key stays and a value it replaced (a former coordinator's
     * name and address) goes from the topic too. A consumer reading one from its beginning still finds every key.
     */
    public static final Set<String> LATEST_PER_KEY = Set.of(ASSOCIATIONS);

    private Topics() {
    }
}
