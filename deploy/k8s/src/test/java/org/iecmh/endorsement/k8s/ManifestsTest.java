package org.iecmh.endorsement.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.k8s.KafkaUsage.Consumption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iecmh.endorsement.k8s.KustomizeBinary.describe;
import static org.iecmh.endorsement.k8s.KustomizeBinary.list;
import static org.iecmh.endorsement.k8s.KustomizeBinary.map;

/**
 * Renders the base and every overlay with Kustomize (their validation against the locked API schemas is
 * {@link ManifestSchemaTest}'s) and reads each object with fabric8's Kubernetes model (a field the model does not know fails the
 * test), then checks what an operator relies on: probes, limits, a locked-down container, secrets only from Secrets,
 * a shutdown inside the grace period, the companions of every Deployment, a KafkaTopic for every topic the services
 * use and a KafkaUser allowed exactly what its service does, a pooler per database inside the connection budget,
 * TLS to Kafka and PostgreSQL, backups, the Gateway, and images pinned by digest in production.
 */
class ManifestsTest {

    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = K8S.resolve("../..").normalize();
    static final String[] DIRECTORIES = {"base", "overlays/small", "overlays/production"};
    /** Strimzi releases the manifests support, and the Kafka versions every one of them runs (README). */
    static final List<String> STRIMZI = List.of("1.0.1", "1.1.0", "1.2.0");
    static final Map<String, List<String>> KAFKA_OF_STRIMZI = Map.of(
            "1.0.1", List.of("4.1.0", "4.1.1", "4.1.2", "4.2.0"),
            "1.1.0", List.of("4.2.0", "4.2.1", "4.3.0"),
            "1.2.0", List.of("4.2.0", "4.2.1", "4.3.0", "4.3.1"));
    /** PostgreSQL's superuser_reserved_connections (the default), and what is kept for the operator and people. */
    static final int SUPERUSER_RESERVED = 3;
    static final int HEADROOM = 20;
    static final List<String> SERVICES = List.of("application-service", "renewal-service", "payment-service",
            "registry-service", "association-service");
    static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(password|secret|token|credential|api.?key|signing.?key"
            + "|private.?key|master.?keys?).*");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyObjectIsAKnownKubernetesObjectWithoutUnknownFields(String directory) {
        List<HasMetadata> objects = parse(directory);

        assertThat(objects).isNotEmpty();
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource)) {
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
                assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
            }
        }
        assertThat(objects).filteredOn(GenericKubernetesResource.class::isInstance)
                .extracting(HasMetadata::getApiVersion)
                .allSatisfy(apiVersion -> assertThat(apiVersion).matches(
                        "(kafka\\.strimzi\\.io|postgresql\\.cnpg\\.io|barmancloud\\.cnpg\\.io"
                                + "|monitoring\\.coreos\\.com)/.*"));
    }

    @Test
    void theSchemaLockPinsTheSupportedReleases() {
        List<String> files = SchemaCatalog.lock(K8S.resolve("schemas.lock")).stream()
                .map(SchemaCatalog.Locked::file).toList();
        assertThat(files).anyMatch(f -> f.startsWith("kubernetes-1.34/"))
                .anyMatch(f -> f.startsWith("strimzi-" + STRIMZI.get(0) + "/"))
                .anyMatch(f -> f.startsWith("strimzi-" + STRIMZI.get(STRIMZI.size() - 1) + "/"))
                .anyMatch(f -> f.startsWith("cloudnative-pg-1.30."))
                .anyMatch(f -> f.startsWith("plugin-barman-cloud-"))
                .anyMatch(f -> f.startsWith("gateway-api-1."));
        for (String release : List.of(STRIMZI.get(0), STRIMZI.get(STRIMZI.size() - 1))) {
            assertThat(files).as("Strimzi " + release).contains("strimzi-" + release + "/040-Crd-kafka.yaml",
                    "strimzi-" + release + "/043-Crd-kafkatopic.yaml", "strimzi-" + release + "/044-Crd-kafkauser.yaml",
                    "strimzi-" + release + "/045-Crd-kafkanodepool.yaml");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyDeploymentIsProbedLimitedLockedDownAndStopsInsideItsGracePeriod(String directory) {
        List<HasMetadata> objects = parse(directory);
        List<Deployment> deployments = ofKind(objects, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "gateway", "application-service", "renewal-service", "payment-service", "registry-service",
                "association-service");

        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no API token").isFalse();
            assertThat(pod.getServiceAccountName()).as(name).isEqualTo(name);
            assertThat(pod.getContainers()).as(name).hasSize(1);
            Container container = pod.getContainers().get(0);

            assertThat(probe(container.getLivenessProbe(), name)).isEqualTo("/actuator/health/liveness");
            assertThat(probe(container.getReadinessProbe(), name)).isEqualTo("/actuator/health/readiness");

            for (String resource : List.of("cpu", "memory")) {
                assertThat(container.getResources().getRequests()).as(name + " requests").containsKey(resource);
                assertThat(container.getResources().getLimits()).as(name + " limits").containsKey(resource);
            }
            assertThat(container.getResources().getLimits().get("memory").getNumericalAmount())
                    .as(name + " memory limit at least the request")
                    .isGreaterThanOrEqualTo(container.getResources().getRequests().get("memory").getNumericalAmount());

            var security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(name + " read-only root").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name + " privilege escalation").isFalse();
            assertThat(security.getCapabilities().getDrop()).as(name + " capabilities").containsExactly("ALL");
            assertThat(container.getVolumeMounts()).as(name + " writes only /tmp")
                    .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals(container.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow().getName()))
                    .findFirst().orElseThrow();
            assertThat(tmp.getEmptyDir()).as(name + " /tmp is an emptyDir").isNotNull();

            for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                if (SECRET_LIKE.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as(name + " " + env.getName() + " inline").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(name + " " + env.getName()).isNotNull();
                }
            }
            Map<String, String> settings = settings(objects, container, name);
            settings.keySet().forEach(key -> assertThat(key).as(name + " ConfigMap holds a secret-like value")
                    .doesNotMatch(SECRET_LIKE));

            assertThat(settings).as(name).containsEntry("SERVER_SHUTDOWN", "graceful");
            Duration phase = Duration.parse("PT" + settings.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE")
                    .toUpperCase());
            long preStop = preStopSeconds(container);
            assertThat(phase.getSeconds() + preStop).as(name + " preStop + shutdown phase inside the grace period")
                    .isLessThan(pod.getTerminationGracePeriodSeconds());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyDeploymentHasItsServiceAccountServiceBudgetAutoscalerAndNetworkPolicy(String directory) {
        List<HasMetadata> objects = parse(directory);
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

            assertThat(ofKind(objects, ServiceAccount.class)).as(name)
                    .anySatisfy(account -> assertThat(account.getMetadata().getName()).isEqualTo(name));
            assertThat(ofKind(objects, Service.class)).as(name + " Service")
                    .anySatisfy(service -> assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector()));
            assertThat(ofKind(objects, PodDisruptionBudget.class)).as(name + " PodDisruptionBudget")
                    .anySatisfy(budget -> assertThat(podLabels)
                            .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels()));
            HorizontalPodAutoscaler autoscaler = ofKind(objects, HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(name)).findFirst().orElseThrow();
            assertThat(autoscaler.getSpec().getMinReplicas()).isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());

            NetworkPolicy policy = ofKind(objects, NetworkPolicy.class).stream()
                    .filter(p -> !p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                    .filter(p -> podLabels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " has no NetworkPolicy of its own"));
            assertThat(policy.getSpec().getPolicyTypes()).as(name).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).as(name + " is reached by someone").isNotEmpty();
        }
        assertThat(ofKind(objects, NetworkPolicy.class)).as("a default deny")
                .anySatisfy(policy -> {
                    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
                });
    }

    @Test
    void onlyTheGatewayIsReachedFromOutsideAndOnlyTheServicesTalkToKafkaAndTheirDatabases() {
        List<HasMetadata> objects = parse("overlays/production");
        Map<String, NetworkPolicy> policies = ofKind(objects, NetworkPolicy.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));

        for (String service : SERVICES) {
            NetworkPolicy policy = policies.get(service);
            assertThat(policy.getSpec().getIngress()).as(service).anySatisfy(rule -> assertThat(rule.getFrom())
                    .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsEntry("app.kubernetes.io/name", "gateway")));
            assertThat(policy.getSpec().getIngress()).as(service + " never from another namespace but monitoring")
                    .allSatisfy(rule -> assertThat(rule.getFrom()).allSatisfy(peer -> {
                        if (peer.getNamespaceSelector() != null) {
                            assertThat(peer.getNamespaceSelector().getMatchLabels())
                                    .containsEntry("kubernetes.io/metadata.name", "monitoring");
                        }
                    }));
        }
        NetworkPolicy gateway = policies.get("gateway");
        assertThat(gateway.getSpec().getIngress()).as("the gateway is reached by the Gateway's proxies only")
                .filteredOn(rule -> rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 8080))
                .singleElement().satisfies(rule -> assertThat(rule.getFrom()).allSatisfy(peer -> {
                    if (peer.getPodSelector() != null) {
                        assertThat(peer.getPodSelector().getMatchLabels())
                                .containsEntry("gateway.networking.k8s.io/gateway-name", "iecmh");
                    } else {
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .containsEntry("kubernetes.io/metadata.name", "gateway-system");
                    }
                }));
        // Of PostgreSQL, the gateway reaches its own database's pooler only (the rate limit's shared counts).
        assertThat(gateway.getSpec().getEgress()).as("the gateway never reaches Kafka nor a service's database")
                .allSatisfy(rule -> assertThat(rule.getTo()).allSatisfy(peer -> {
                    if (peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null) {
                        Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                        assertThat(labels).doesNotContainKeys("cnpg.io/cluster", "strimzi.io/cluster");
                        if (labels.containsKey("cnpg.io/poolerName")) {
                            assertThat(labels).containsEntry("cnpg.io/poolerName", "postgres-gateway");
                        }
                    }
                }));
        Deployment gatewayDeployment = ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
        assertThat(gatewayDeployment.getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKey("iecmh.org/kafka-client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyTopicTheServicesUseIsAKafkaTopicThatFitsTheBrokers(String directory) {
        List<HasMetadata> objects = parse(directory);
        Map<String, GenericKubernetesResource> topics = new HashMap<>();
        for (GenericKubernetesResource topic : custom(objects, "KafkaTopic")) {
            String name = Optional.ofNullable((String) topic.get("spec", "topicName"))
                    .orElse(topic.getMetadata().getName());
            topics.put(name, topic);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "iecmh-kafka");
        }
        int brokers = custom(objects, "KafkaNodePool").stream()
                .filter(pool -> ((List<?>) pool.get("spec", "roles")).contains("broker"))
                .mapToInt(pool -> ((Number) pool.get("spec", "replicas")).intValue()).sum();

        List<String> required = new ArrayList<>();
        String prefix = null;
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            String service = deployment.getMetadata().getName();
            if (!KafkaUsage.hasConfiguration(REPOSITORY, service) || service.equals("gateway")) {
                continue;
            }
            Map<String, String> settings = settings(objects, deployment.getSpec().getTemplate().getSpec()
                    .getContainers().get(0), service);
            assertThat(settings).as(service).containsKey("IECMH_KAFKA_PREFIX");
            assertThat(settings.get("KAFKA_BOOTSTRAP_SERVERS")).as(service).isEqualTo("iecmh-kafka-kafka-bootstrap:9093");
            assertThat(settings).as(service + " creates no topic itself")
                    .containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTO_CREATE_TOPICS", "false");
            prefix = settings.get("IECMH_KAFKA_PREFIX");
            List<Consumption> consumptions = KafkaUsage.consumptions(REPOSITORY, service, prefix);
            assertThat(consumptions.isEmpty() && KafkaUsage.publications(REPOSITORY, service, prefix).isEmpty())
                    .as(service + " consumes or publishes").isFalse();
            HorizontalPodAutoscaler autoscaler = ofKind(objects, HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(service)).findFirst().orElseThrow();
            for (Consumption consumption : consumptions) {
                assertThat(KafkaUsage.integrationTopics(prefix)).as(consumption + " reads a topic of Topics")
                        .contains(consumption.topic());
                required.add(consumption.topic());
                required.add(consumption.deadLetterTopic());
                GenericKubernetesResource source = topics.get(consumption.topic());
                GenericKubernetesResource deadLetters = topics.get(consumption.deadLetterTopic());
                assertThat(deadLetters).as("KafkaTopic " + consumption.deadLetterTopic()).isNotNull();
                assertThat(partitions(deadLetters)).as(consumption.deadLetterTopic() + " partitions")
                        .isGreaterThanOrEqualTo(partitions(source));
                assertThat(autoscaler.getSpec().getMaxReplicas()).as(service + " pods beyond " + consumption.topic()
                        + "'s partitions would idle").isLessThanOrEqualTo(partitions(source));
            }
        }
        assertThat(prefix).isNotNull();
        required.addAll(KafkaUsage.integrationTopics(prefix));
        assertThat(topics.keySet()).as("KafkaTopics").containsAll(required);

        Set<String> personal = new TreeSet<>();
        for (String topic : KafkaUsage.topicsWithPersonalData()) {
            personal.add(prefix + topic);
        }
        assertThat(personal).as("topics whose events carry names or addresses").isNotEmpty();
        Set<String> latestPerKey = new TreeSet<>();
        for (String topic : Topics.LATEST_PER_KEY) {
            latestPerKey.add(prefix + topic);
        }
        for (String integration : KafkaUsage.integrationTopics(prefix)) {
            Map<String, Object> config = topics.get(integration).get("spec", "config");
            if (latestPerKey.contains(integration)) {
                // Each record is the whole state of its key: only the latest stays, a segment closes within a week.
                assertThat(config).as(integration + " keeps the latest record per key")
                        .containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
                assertThat(config).as(integration).containsKey("max.compaction.lag.ms");
                assertThat(Duration.ofMillis(Long.parseLong(config.get("max.compaction.lag.ms").toString())))
                        .as(integration + " max.compaction.lag.ms").isPositive().isLessThanOrEqualTo(Duration.ofDays(7));
            } else if (personal.contains(integration)) {
                // Compacted, so that a tombstone erases a person's records; never kept forever as they were.
                assertThat(config).as(integration + " carries personal data").containsEntry("cleanup.policy", "compact")
                        .containsKeys("min.compaction.lag.ms", "delete.retention.ms").doesNotContainKey("retention.ms");
            } else {
                assertThat(config.get("retention.ms").toString()).as(integration + " is the replay source: kept forever")
                        .isEqualTo("-1");
                assertThat(config).as(integration + " never compacted").containsEntry("cleanup.policy", "delete");
            }
        }
        for (GenericKubernetesResource topic : topics.values()) {
            String name = Optional.ofNullable((String) topic.get("spec", "topicName")).orElse(topic.getMetadata().getName());
            if (name.startsWith("error.")) {
                assertThat(Long.parseLong(topic.get("spec", "config", "retention.ms").toString()))
                        .as(name + ": dead letters are kept for a bounded time").isPositive();
            }
        }
        for (GenericKubernetesResource topic : topics.values()) {
            int replicas = ((Number) topic.get("spec", "replicas")).intValue();
            int minInSync = Integer.parseInt(topic.get("spec", "config", "min.insync.replicas").toString());
            assertThat(replicas).as(topic.getMetadata().getName() + " replicas").isBetween(1, brokers);
            assertThat(minInSync).as(topic.getMetadata().getName() + " min.insync.replicas")
                    .isEqualTo(replicas == 1 ? 1 : replicas - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void kafkaIsAVersionEverySupportedStrimziRunsListensOnlyOverMutualTlsAndAuthorizes(String directory) {
        List<HasMetadata> objects = parse(directory);
        assertThat(objects).filteredOn(o -> o.getApiVersion().startsWith("kafka.strimzi.io/"))
                .as("Strimzi 1.0 serves only v1").allSatisfy(o -> assertThat(o.getApiVersion()).isEqualTo("kafka.strimzi.io/v1"));
        GenericKubernetesResource kafka = custom(objects, "Kafka").get(0);
        assertThat(kafka.getMetadata().getName()).isEqualTo("iecmh-kafka");
        assertThat(kafka.getMetadata().getAnnotations()).as("KRaft and node pools are all Strimzi 1 knows")
                .isNullOrEmpty();
        String version = kafka.get("spec", "kafka", "version");
        for (String strimzi : STRIMZI) {
            assertThat(KAFKA_OF_STRIMZI.get(strimzi)).as("Kafka versions Strimzi " + strimzi + " runs").contains(version);
        }
        assertThat(kafka.get("spec", "kafka", "config", "auto.create.topics.enable").toString()).isEqualTo("false");
        assertThat((Object) kafka.get("spec", "entityOperator", "topicOperator")).isNotNull();
        assertThat((Object) kafka.get("spec", "entityOperator", "userOperator")).isNotNull();
        assertThat((String) kafka.get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).as("no plain-text listener").singleElement().satisfies(listener -> {
            assertThat(listener.get("port")).isEqualTo(9093);
            assertThat(listener.get("tls")).isEqualTo(true);
            assertThat(map(listener.get("authentication"))).containsEntry("type", "tls");
        });
        assertThat(custom(objects, "KafkaNodePool")).allSatisfy(pool -> assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", "iecmh-kafka"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyServiceIsAKafkaUserAllowedExactlyTheTopicsAndGroupsItUsesAndConnectsWithItsCertificate(String directory) {
        List<HasMetadata> objects = parse(directory);
        Map<String, GenericKubernetesResource> users = custom(objects, "KafkaUser").stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        for (String service : SERVICES) {
            Deployment deployment = deployment(objects, service);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> settings = settings(objects, container, service);
            String prefix = settings.get("IECMH_KAFKA_PREFIX");

            Set<String> expected = new TreeSet<>();
            for (String topic : KafkaUsage.publications(REPOSITORY, service, prefix)) {
                expected.add("allow topic " + topic + " Describe,Write");
            }
            for (Consumption consumption : KafkaUsage.consumptions(REPOSITORY, service, prefix)) {
                expected.add("allow topic " + consumption.topic() + " Describe,Read");
                expected.add("allow topic " + consumption.deadLetterTopic() + " Describe,Write");
                expected.add("allow group " + consumption.group() + " Read");
            }
            GenericKubernetesResource user = users.get(service);
            assertThat(user).as("KafkaUser " + service).isNotNull();
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "iecmh-kafka");
            assertThat((String) user.get("spec", "authentication", "type")).isEqualTo("tls");
            List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
            Set<String> granted = new TreeSet<>();
            for (Map<String, Object> acl : acls) {
                Map<String, Object> resource = map(acl.get("resource"));
                assertThat(resource.getOrDefault("patternType", "literal")).as(service + " names each resource")
                        .isEqualTo("literal");
                granted.add(acl.getOrDefault("type", "allow") + " " + resource.get("type") + " " + resource.get("name")
                        + " " + KustomizeBinary.list(acl.get("operations")).stream().map(Object::toString).sorted()
                        .collect(Collectors.joining(",")));
            }
            assertThat(granted).as(service + "'s ACLs").containsExactlyInAnyOrderElementsOf(expected);

            assertThat(settings).as(service).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SSL")
                    .containsEntry("SPRING_KAFKA_SSL_KEY_STORE_TYPE", "PKCS12")
                    .containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");
            assertThat(secretKey(container, "SPRING_KAFKA_SSL_KEY_STORE_PASSWORD")).isEqualTo(service + "/user.password");
            assertThat(mountedFile(deployment, settings.get("SPRING_KAFKA_SSL_KEY_STORE_LOCATION")))
                    .as(service + " key store").isEqualTo(service + "/user.p12");
            assertThat(mountedFile(deployment, settings.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION")))
                    .as(service + " trusts the cluster CA").isEqualTo("iecmh-kafka-cluster-ca-cert/ca.crt");
        }
        assertThat(users).as("a KafkaUser per service, no other").hasSize(SERVICES.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyServiceReachesItsOwnDatabaseThroughItsPoolerOverVerifiedTlsAndTheClusterIsBackedUpByThePlugin(
            String directory) {
        List<HasMetadata> objects = parse(directory);
        GenericKubernetesResource cluster = custom(objects, "Cluster").get(0);
        assertThat(cluster.getMetadata().getName()).isEqualTo("iecmh-postgres");
        assertThat(((Number) cluster.get("spec", "instances")).intValue()).isPositive();
        assertThat((Object) cluster.get("spec", "backup")).as("backup.barmanObjectStore is deprecated").isNull();
        assertThat((Object) cluster.get("spec", "monitoring", "enablePodMonitor"))
                .as("monitoring.enablePodMonitor is deprecated").isNull();
        List<Map<String, Object>> plugins = cluster.get("spec", "plugins");
        Map<String, Object> barman = plugins.stream().filter(p -> "barman-cloud.cloudnative-pg.io".equals(p.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no Barman Cloud plugin"));
        assertThat(barman.get("isWALArchiver")).isEqualTo(true);
        String store = (String) map(barman.get("parameters")).get("barmanObjectName");
        GenericKubernetesResource objectStore = custom(objects, "ObjectStore").stream()
                .filter(o -> o.getMetadata().getName().equals(store)).findFirst()
                .orElseThrow(() -> new AssertionError("no ObjectStore " + store));
        assertThat((String) objectStore.get("spec", "configuration", "destinationPath")).startsWith("s3://");
        assertThat((String) objectStore.get("spec", "configuration", "s3Credentials", "secretAccessKey", "name"))
                .isNotBlank();
        assertThat((String) objectStore.get("spec", "retentionPolicy")).isNotBlank();
        assertThat(custom(objects, "ScheduledBackup")).anySatisfy(backup -> {
            assertThat((String) backup.get("spec", "cluster", "name")).isEqualTo("iecmh-postgres");
            assertThat((String) backup.get("spec", "method")).isEqualTo("plugin");
            assertThat((String) backup.get("spec", "pluginConfiguration", "name"))
                    .isEqualTo("barman-cloud.cloudnative-pg.io");
        });
        assertThat(custom(objects, "PodMonitor")).as("PostgreSQL's metrics are scraped").anySatisfy(monitor ->
                assertThat((Map<String, Object>) monitor.get("spec", "selector", "matchLabels"))
                        .containsEntry("cnpg.io/cluster", "iecmh-postgres"));
        List<String> altNames = cluster.get("spec", "certificates", "serverAltDNSNames");
        List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
        Map<String, String> secretOfRole = roles.stream().collect(Collectors.toMap(role -> (String) role.get("name"),
                role -> (String) ((Map<?, ?>) role.get("passwordSecret")).get("name")));
        Map<String, GenericKubernetesResource> poolers = custom(objects, "Pooler").stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));

        List<String> databases = new ArrayList<>();
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String service = deployment.getMetadata().getName();
            String url = settings(objects, container, service).get("DATABASE_URL");
            if (url == null) {
                continue;
            }
            JdbcUrl jdbc = JdbcUrl.parse(url);
            databases.add(jdbc.database());
            GenericKubernetesResource pooler = poolers.get(jdbc.host());
            assertThat(pooler).as(service + " connects through a Pooler, not " + jdbc.host()).isNotNull();
            assertThat((String) pooler.get("spec", "cluster", "name")).isEqualTo("iecmh-postgres");
            assertThat((String) pooler.get("spec", "type")).isEqualTo("rw");
            assertThat(jdbc.port()).isEqualTo(5432);
            assertThat(jdbc.parameters()).as(service).containsEntry("sslmode", "verify-full");
            assertThat(map(pooler.get("spec", "pgbouncer", "parameters"))).as(jdbc.host() + " refuses plain text")
                    .containsEntry("client_tls_sslmode", "require");
            assertThat(mountedFile(deployment, jdbc.parameters().get("sslrootcert")))
                    .as(service + " trusts the cluster's CA").isEqualTo("iecmh-postgres-ca/ca.crt");
            assertThat(altNames).as("the server certificate names " + jdbc.host()).contains(jdbc.host());
            GenericKubernetesResource owned = custom(objects, "Database").stream()
                    .filter(d -> jdbc.database().equals(d.get("spec", "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no Database " + jdbc.database()));
            assertThat((String) owned.get("spec", "cluster", "name")).isEqualTo("iecmh-postgres");
            String owner = owned.get("spec", "owner");
            String secret = secretKey(container, "DATABASE_PASSWORD").split("/")[0];
            assertThat(secretOfRole).as(service + "'s role " + owner).containsEntry(owner, secret);
            assertThat(secretKey(container, "DATABASE_USERNAME")).isEqualTo(secret + "/username");
        }
        // The gateway has one too: the public rate limit's counts, shared by its instances.
        assertThat(databases).as("a database per service and the gateway's").doesNotHaveDuplicates()
                .hasSize(SERVICES.size() + 1).contains("gateway");
        assertThat(poolers).as("a pooler per database, no other").hasSize(SERVICES.size() + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void thePoolersServerConnectionsFitMaxConnectionsAndTheMostPodsFitEachPooler(String directory) {
        List<HasMetadata> objects = parse(directory);
        GenericKubernetesResource cluster = custom(objects, "Cluster").get(0);
        int maxConnections = Integer.parseInt(cluster.get("spec", "postgresql", "parameters", "max_connections"));
        int server = 0;
        for (GenericKubernetesResource pooler : custom(objects, "Pooler")) {
            String name = pooler.getMetadata().getName();
            Map<String, String> parameters = pooler.get("spec", "pgbouncer", "parameters");
            assertThat((String) pooler.get("spec", "pgbouncer", "poolMode")).as(name).isEqualTo("transaction");
            int instances = ((Number) pooler.get("spec", "instances")).intValue();
            int perPod = Integer.parseInt(parameters.get("max_db_connections"));
            assertThat(Integer.parseInt(parameters.get("default_pool_size")) + Integer.parseInt(
                    parameters.getOrDefault("reserve_pool_size", "0"))).as(name + " pool within its cap")
                    .isLessThanOrEqualTo(perPod);
            assertThat(Integer.parseInt(parameters.get("max_prepared_statements"))).as(name).isPositive();
            server += instances * perPod;

            // The clients: every pod the autoscaler may start, each with its whole Hikari pool, on one pooler pod.
            for (Deployment deployment : ofKind(objects, Deployment.class)) {
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                Map<String, String> settings = settings(objects, container, deployment.getMetadata().getName());
                if (settings.get("DATABASE_URL") == null || !JdbcUrl.parse(settings.get("DATABASE_URL")).host().equals(name)) {
                    continue;
                }
                int pods = autoscaler(objects, deployment.getMetadata().getName()).getSpec().getMaxReplicas();
                int hikari = Integer.parseInt(settings.get("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE"));
                assertThat(pods * hikari).as(name + ": " + pods + " pods x " + hikari + " connections")
                        .isLessThanOrEqualTo(Integer.parseInt(parameters.get("max_client_conn")));
            }
        }
        assertThat(server).as("server connections of all poolers, with " + SUPERUSER_RESERVED + " reserved for"
                + " superusers and " + HEADROOM + " for CloudNativePG, backups and people")
                .isLessThanOrEqualTo(maxConnections - SUPERUSER_RESERVED - HEADROOM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void theGatewayApiRoutesTheHostToTheGatewayOverTlsAndNothingIsAnIngress(String directory) {
        List<HasMetadata> objects = parse(directory);
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Ingress");
        List<io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gateways = ofKind(objects,
                io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class);
        assertThat(gateways).singleElement().satisfies(gateway -> {
            assertThat(gateway.getSpec().getListeners()).anySatisfy(listener -> {
                assertThat(listener.getProtocol()).isEqualTo("HTTPS");
                assertThat(listener.getTls().getCertificateRefs()).extracting(ref -> ref.getName())
                        .containsExactly("endorsement-tls");
            });
        });
        Service gatewayService = ofKind(objects, Service.class).stream()
                .filter(service -> service.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
        List<io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute> routes = ofKind(objects,
                io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class);
        assertThat(routes).as("the HTTPS listener's route").anySatisfy(route -> {
            assertThat(route.getSpec().getParentRefs()).anySatisfy(parent -> {
                assertThat(parent.getName()).isEqualTo(gateways.get(0).getMetadata().getName());
                assertThat(parent.getSectionName()).isEqualTo("https");
            });
            assertThat(route.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getBackendRefs())
                    .allSatisfy(backend -> {
                        assertThat(backend.getName()).isEqualTo("gateway");
                        assertThat(gatewayService.getSpec().getPorts()).extracting(port -> port.getPort())
                                .contains(backend.getPort());
                    }));
        });
        assertThat(routes).as("every route has its parent").allSatisfy(route -> assertThat(route.getSpec()
                .getParentRefs()).allSatisfy(parent -> assertThat(parent.getName()).isEqualTo("iecmh")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void prometheusScrapesTheManagementPortOfEveryWorkload(String directory) {
        List<HasMetadata> objects = parse(directory);
        GenericKubernetesResource monitor = custom(objects, "ServiceMonitor").get(0);
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).anySatisfy(endpoint -> {
            assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
            assertThat(endpoint.get("port")).isEqualTo("management");
        });
        for (Service service : ofKind(objects, Service.class)) {
            assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
            assertThat(service.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getName()).isEqualTo("management"));
        }
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            Map<String, String> settings = settings(objects,
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0), "");
            assertThat(settings).containsEntry("MANAGEMENT_SERVER_PORT", "8090")
                    .containsEntry("MANAGEMENT_TRACING_EXPORT_ENABLED", "true")
                    .containsKey("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void theServicesThatKeepEvidenceFilesHaveABucketEachAndTheirKeysFromSecrets(String directory) {
        List<HasMetadata> objects = parse(directory);
        Map<String, String> buckets = new HashMap<>();
        for (String service : List.of("application-service", "renewal-service")) {
            Deployment deployment = ofKind(objects, Deployment.class).stream()
                    .filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> settings = settings(objects, container, service);
            assertThat(settings).as(service).containsKeys("IECMH_FILES_BUCKET", "IECMH_FILES_REGION")
                    .containsEntry("IECMH_FILES_CREATE_BUCKET", "false")
                    .doesNotContainKeys("IECMH_FILES_ACCESSKEY", "IECMH_FILES_SECRETKEY", "IECMH_FILES_MASTERKEYS_1");
            buckets.put(service, settings.get("IECMH_FILES_BUCKET"));
            Map<String, EnvVar> env = new HashMap<>();
            container.getEnv().forEach(variable -> env.put(variable.getName(), variable));
            for (String secret : List.of("IECMH_FILES_ACCESSKEY", "IECMH_FILES_SECRETKEY", "IECMH_FILES_MASTERKEYS_1")) {
                assertThat(env).as(service + " " + secret).containsKey(secret);
                assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getName()).as(service + " " + secret)
                        .isEqualTo(service + "-files");
            }
        }
        assertThat(Set.copyOf(buckets.values())).as("a bucket per service").hasSize(2);
    }

    @Test
    void productionSpreadsThreeReplicasOverNodesAndNamesTheAssociationsIssuer() {
        List<HasMetadata> objects = parse("overlays/production");
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as(name).isEqualTo(3);
            // Preferred: a required rule would leave a rolling update's surge pod nowhere to go on three nodes.
            assertThat(deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getPreferredDuringSchedulingIgnoredDuringExecution()).as(name).anySatisfy(weighted -> {
                        assertThat(weighted.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                        assertThat(weighted.getPodAffinityTerm().getLabelSelector().getMatchLabels())
                                .containsEntry("app.kubernetes.io/name", name);
                    });
            assertThat(settings(objects, deployment.getSpec().getTemplate().getSpec().getContainers().get(0), name))
                    .containsEntry("OIDC_ISSUER_URI", "https://login.iecmh-alliance.org/realms/endorsement");
        }
        assertThat(ofKind(objects, PodDisruptionBudget.class)).allSatisfy(budget -> {
            assertThat(budget.getSpec().getMinAvailable()).isEqualTo(new IntOrString(2));
            assertThat(budget.getSpec().getMaxUnavailable()).isNull();
        });
        assertThat(ofKind(objects, HorizontalPodAutoscaler.class))
                .allSatisfy(hpa -> assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3));
        assertThat(((Number) custom(objects, "Cluster").get(0).get("spec", "instances")).intValue()).isEqualTo(3);
    }

    @Test
    void theSmallInstallRunsOneOfEverything() {
        List<HasMetadata> objects = parse("overlays/small");
        assertThat(ofKind(objects, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isOne());
        assertThat(custom(objects, "KafkaNodePool")).allSatisfy(pool ->
                assertThat(((Number) pool.get("spec", "replicas")).intValue()).isOne());
        assertThat(((Number) custom(objects, "Cluster").get(0).get("spec", "instances")).intValue()).isOne();
        assertThat(custom(objects, "Pooler")).allSatisfy(pooler ->
                assertThat(((Number) pooler.get("spec", "instances")).intValue()).isOne());
        assertThat(ofKind(objects, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec()
                .getContainers().get(0).getResources().getLimits().get("memory")).isEqualTo(new Quantity("512Mi")));
    }

    @Test
    void theBaseNamesEachImageByTheProjectsVersionAndProductionPinsEachByItsDigest() {
        String version = System.getProperty("project.version");
        assertThat(version).as("the build passes the project's version").isNotBlank();
        for (Deployment deployment : ofKind(parse("base"), Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).isEqualTo("iecmh/" + name + ":" + version);
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                    .as(name + ": the image's user").isEqualTo(10001L);
        }
        for (Deployment deployment : ofKind(parse("overlays/production"), Deployment.class)) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).as(name)
                    .matches("[a-z0-9.-]+(:[0-9]+)?/iecmh/" + Pattern.quote(name) + "@sha256:[0-9a-f]{64}");
        }
    }

    // --- reading

    private List<HasMetadata> parse(String directory) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> object : KustomizeBinary.render(K8S.resolve(directory))) {
            Object parsed = serialization.unmarshal(serialization.asJson(object));
            assertThat(parsed).as(describe(object)).isInstanceOf(HasMetadata.class);
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    private static <T> List<T> ofKind(Collection<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> custom(Collection<HasMetadata> objects, String kind) {
        List<GenericKubernetesResource> found = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(o -> o.getKind().equals(kind)).toList();
        assertThat(found).as(kind).isNotEmpty();
        return found;
    }

    /** The settings a container gets from its ConfigMaps (envFrom) and plain env values. */
    private static Map<String, String> settings(List<HasMetadata> objects, Container container, String name) {
        Map<String, String> settings = new HashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            assertThat(source.getConfigMapRef() != null || source.getSecretRef() != null).as(name).isTrue();
            if (source.getConfigMapRef() != null) {
                ConfigMap map = ofKind(objects, ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(source.getConfigMapRef().getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(name + ": no ConfigMap "
                                + source.getConfigMapRef().getName()));
                settings.putAll(map.getData());
            }
        }
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (env.getValue() != null) {
                settings.put(env.getName(), env.getValue());
            }
        }
        return settings;
    }

    /** A deep copy of the rendered object of that kind and name, to spoil. */
    Map<String, Object> copyOf(List<Map<String, Object>> objects, String kind, String name) {
        Map<String, Object> found = objects.stream().filter(o -> kind.equals(o.get("kind")))
                .filter(o -> name.equals(map(o.get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        return map(serialization.unmarshal(serialization.asJson(found), Map.class));
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return ofKind(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static HorizontalPodAutoscaler autoscaler(List<HasMetadata> objects, String name) {
        return ofKind(objects, HorizontalPodAutoscaler.class).stream()
                .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(name)).findFirst().orElseThrow();
    }

    /** secret/key an env variable is taken from. */
    private static String secretKey(Container container, String variable) {
        EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + variable));
        return env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey();
    }

    /** secret/key of the Secret volume item a file path (or file: URL) of the container lands on. */
    private static String mountedFile(Deployment deployment, String location) {
        assertThat(location).as(deployment.getMetadata().getName() + " names a file").isNotBlank();
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        for (var mount : pod.getContainers().get(0).getVolumeMounts()) {
            if (!path.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            String file = path.substring(mount.getMountPath().length() + 1);
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            assertThat(volume.getSecret()).as(path + " comes from a Secret").isNotNull();
            return volume.getSecret().getItems().stream().filter(item -> item.getPath().equals(file))
                    .map(item -> volume.getSecret().getSecretName() + "/" + item.getKey()).findFirst()
                    .orElseThrow(() -> new AssertionError(path + " is no item of " + volume.getName()));
        }
        throw new AssertionError(path + " is on no volume of " + deployment.getMetadata().getName());
    }

    private static String probe(Probe probe, String name) {
        assertThat(probe).as(name + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(name + " probe over HTTP").isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static long preStopSeconds(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            return 0;
        }
        List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(command.get(0)).isEqualTo("sleep");
        return Long.parseLong(command.get(1));
    }

    private static int partitions(GenericKubernetesResource topic) {
        return ((Number) topic.get("spec", "partitions")).intValue();
    }

    /** Fields that the model kept aside because it does not know them, anywhere in the object. */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else if (!(node instanceof Quantity) && !(node instanceof IntOrString)) {
                String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + property, unknown);
            }
        }
    }
}
