package org.iecmh.endorsement.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A one-node KRaft cluster started inside the test JVM from the Apache Kafka jars. */
final class EmbeddedKafkaBroker implements KafkaBroker {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafkaBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        return new EmbeddedKafkaBroker(broker);
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public String description() {
        return "embedded KRaft broker at " + bootstrapServers();
    }
}
