package org.iecmh.endorsement.k8s;

import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.iecmh.endorsement.contracts.Topics;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.iecmh.endorsement.k8s.KustomizeBinary.map;

/**
 * The topics and consumer groups a service uses, read where they are decided: the topic names in libs/contracts'
 * {@link Topics}, the consumer bindings (destination and group) in the service's own {@code <service>.yml}, and the
 * binder's dead-letter topic per binding, {@code error.<destination>.<group>}.
 */
final class KafkaUsage {

    private static final String PREFIX = "${iecmh.kafka.prefix}";
    private static final Pattern PERSONAL = Pattern.compile("(?i).*(name|email|address|phone).*");

    /** One consumer binding of a service, with the deployment's prefix applied. */
    record Consumption(String service, String binding, String topic, String group) {
        String deadLetterTopic() {
            return "error." + topic + "." + group;
        }
    }

    private KafkaUsage() {
    }

    /** Every topic of {@link Topics}, under the prefix. */
    static List<String> integrationTopics(String prefix) {
        List<String> topics = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topics.add(prefix + field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    /** The consumer bindings in {@code <service>/src/main/resources/<service>.yml}; empty if the file is absent. */
    static List<Consumption> consumptions(Path repository, String service, String prefix) {
        Path file = repository.resolve(service).resolve("src/main/resources").resolve(service + ".yml");
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, Object> configuration;
        try {
            configuration = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> bindings = at(configuration, "spring", "cloud", "stream", "bindings");
        List<Consumption> consumptions = new ArrayList<>();
        if (bindings == null) {
            return consumptions;
        }
        bindings.forEach((name, value) -> {
            if (name.contains("-in-")) {
                Map<String, Object> binding = map(value);
                consumptions.add(new Consumption(service, name,
                        ((String) binding.get("destination")).replace(PREFIX, prefix),
                        ((String) binding.get("group")).replace(PREFIX, prefix)));
            }
        });
        return consumptions;
    }

    /**
     * The topics a service publishes to, under the prefix: those of the integration events its
     * {@code IntegrationEventMapper}s create ({@code new <Event>(}, the name plain or qualified, in the mapper's source).
     */
    static Set<String> publications(Path repository, String service, String prefix) {
        Set<String> topics = new TreeSet<>();
        Path sources = repository.resolve(service).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return topics;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (!source.contains("implements IntegrationEventMapper")) {
                    continue;
                }
                for (IntegrationEventType<?> type : IntegrationEventType.ALL) {
                    if (Pattern.compile("new\\s+(" + Pattern.quote(type.payloadType().getPackageName()) + "\\.)?"
                            + type.payloadType().getSimpleName() + "\\(").matcher(source).find()) {
                        topics.add(prefix + type.topic());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    /** Topics whose events carry a person's name or address (a record component named so), without the prefix. */
    static Set<String> topicsWithPersonalData() {
        Set<String> topics = new TreeSet<>();
        for (IntegrationEventType<?> type : IntegrationEventType.ALL) {
            for (RecordComponent component : type.payloadType().getRecordComponents()) {
                if (PERSONAL.matcher(component.getName()).matches()) {
                    topics.add(type.topic());
                }
            }
        }
        return topics;
    }

    static boolean hasConfiguration(Path repository, String service) {
        return Files.exists(repository.resolve(service).resolve("src/main/resources").resolve(service + ".yml"));
    }

    private static Map<String, Object> at(Map<String, Object> root, String... path) {
        Map<String, Object> node = root;
        for (String key : path) {
            if (node == null || !(node.get(key) instanceof Map)) {
                return null;
            }
            node = map(node.get(key));
        }
        return node;
    }
}
