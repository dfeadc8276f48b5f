package org.iecmh.endorsement.contracts;

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

    private Topics() {
    }
}
