package org.iecmh.endorsement.testkit;

/** A running Kafka broker shared by every test in the JVM. */
public interface KafkaBroker {

    String bootstrapServers();

    /** Which kind of broker this is, for logs and the kit's own test. */
    String description();
}
