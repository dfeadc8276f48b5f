package org.iecmh.endorsement.kit.messaging;

/**
 * Topic and consumer group names as deployed: the names of {@code libs/contracts} under an optional prefix
 * ({@code iecmh.kafka.prefix}), so that several environments, or several test contexts, can share one cluster.
 */
public record KafkaNames(String prefix) {

    public KafkaNames {
        prefix = prefix == null ? "" : prefix;
    }

    public String topic(String name) {
        return prefix + name;
    }
}
