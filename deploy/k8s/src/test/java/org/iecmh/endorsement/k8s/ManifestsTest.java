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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iecmh.endorsement.k8s.Kustomization.describe;

/**
 * Renders the base and every overlay, reads each object with fabric8's Kubernetes model (a field the model does not
 * know fails the test) and checks what an operator relies on: probes, limits, a locked-down container, secrets only
 * from Secrets, a shutdown inside the grace period, the companions of every Deployment, a KafkaTopic for every topic
 * the services use, and the PostgreSQL and Kafka resources the services' settings point at.
 */
class ManifestsTest {

    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = K8S.resolve("../..").normalize();
    static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(password|secret|token|credential|api.?key|signing.?key"
            + "|private.?key).*");

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
                        "(kafka\\.strimzi\\.io|postgresql\\.cnpg\\.io|monitoring\\.coreos\\.com)/.*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void kustomizeRendersTheSameObjectsWhereItIsInstalled(String directory) throws Exception {
        Optional<List<Map<String, Object>>> rendered = KustomizeBinary.render(K8S.resolve(directory));
        if (rendered.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> byKustomize = rendered.get().stream()
                .collect(Collectors.toMap(Kustomization::describe, object -> object));
        Map<String, Map<String, Object>> ours = Kustomization.render(K8S.resolve(directory)).stream()
                .collect(Collectors.toMap(Kustomization::describe, object -> object));
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(byKustomize.keySet());
        ours.forEach((id, object) -> assertThat(object).as(id).isEqualTo(byKustomize.get(id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyDeploymentIsProbedLimitedLockedDownAndStopsInsideItsGracePeriod(String directory) {
        List<HasMetadata> objects = parse(directory);
        List<Deployment> deployments = ofKind(objects, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder(
                "gateway", "application-service", "renewal-service", "payment-service", "registry-service");

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
    void onlyTheGatewayIsReachedFromOutsideAndOnlyTheServicesTalkToPostgresAndKafka() {
        List<HasMetadata> objects = parse("overlays/production");
        Map<String, NetworkPolicy> policies = ofKind(objects, NetworkPolicy.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));

        for (String service : List.of("application-service", "renewal-service", "payment-service", "registry-service")) {
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
        assertThat(gateway.getSpec().getEgress()).as("the gateway never reaches PostgreSQL or Kafka")
                .allSatisfy(rule -> assertThat(rule.getTo()).allSatisfy(peer -> {
                    if (peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null) {
                        assertThat(peer.getPodSelector().getMatchLabels())
                                .doesNotContainKeys("cnpg.io/cluster", "strimzi.io/cluster");
                    }
                }));
        Deployment gatewayDeployment = ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
        assertThat(gatewayDeployment.getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKeys("iecmh.org/postgres-client", "iecmh.org/kafka-client");
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
            assertThat(settings.get("KAFKA_BOOTSTRAP_SERVERS")).as(service).startsWith("iecmh-kafka-kafka-bootstrap:");
            assertThat(settings).as(service + " creates no topic itself")
                    .containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTO_CREATE_TOPICS", "false");
            prefix = settings.get("IECMH_KAFKA_PREFIX");
            List<Consumption> consumptions = KafkaUsage.consumptions(REPOSITORY, service, prefix);
            assertThat(consumptions).as(service + " consumes").isNotEmpty();
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

        for (String integration : KafkaUsage.integrationTopics(prefix)) {
            assertThat(topics.get(integration).get("spec", "config", "retention.ms").toString())
                    .as(integration + " is the replay source: kept forever").isEqualTo("-1");
            assertThat((String) topics.get(integration).get("spec", "config", "cleanup.policy"))
                    .as(integration + " never compacted").isEqualTo("delete");
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
    void kafkaRunsInKraftModeAndCreatesNoTopicOnDemand(String directory) {
        List<HasMetadata> objects = parse(directory);
        GenericKubernetesResource kafka = custom(objects, "Kafka").get(0);
        assertThat(kafka.getMetadata().getName()).isEqualTo("iecmh-kafka");
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(kafka.get("spec", "kafka", "config", "auto.create.topics.enable").toString()).isEqualTo("false");
        assertThat((Object) kafka.get("spec", "entityOperator", "topicOperator")).isNotNull();
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).anySatisfy(listener -> assertThat(listener.get("port")).isEqualTo(9092));
        assertThat(custom(objects, "KafkaNodePool")).allSatisfy(pool -> assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", "iecmh-kafka"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyServiceHasItsOwnDatabaseRoleAndSecretAndTheClusterIsBackedUp(String directory) {
        List<HasMetadata> objects = parse(directory);
        GenericKubernetesResource cluster = custom(objects, "Cluster").get(0);
        assertThat(cluster.getMetadata().getName()).isEqualTo("iecmh-postgres");
        assertThat(((Number) cluster.get("spec", "instances")).intValue()).isPositive();
        assertThat((String) cluster.get("spec", "backup", "barmanObjectStore", "destinationPath")).startsWith("s3://");
        assertThat((String) cluster.get("spec", "backup", "barmanObjectStore", "s3Credentials", "secretAccessKey",
                "name")).isNotBlank();
        assertThat(custom(objects, "ScheduledBackup")).anySatisfy(backup ->
                assertThat((String) backup.get("spec", "cluster", "name")).isEqualTo("iecmh-postgres"));
        List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
        Map<String, String> secretOfRole = roles.stream().collect(Collectors.toMap(role -> (String) role.get("name"),
                role -> (String) ((Map<?, ?>) role.get("passwordSecret")).get("name")));

        List<String> databases = new ArrayList<>();
        for (Deployment deployment : ofKind(objects, Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String service = deployment.getMetadata().getName();
            String url = settings(objects, container, service).get("DATABASE_URL");
            if (url == null) {
                continue;
            }
            assertThat(url).as(service).startsWith("jdbc:postgresql://iecmh-postgres-rw:5432/");
            String database = url.substring(url.lastIndexOf('/') + 1);
            databases.add(database);
            GenericKubernetesResource owned = custom(objects, "Database").stream()
                    .filter(d -> database.equals(d.get("spec", "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no Database " + database));
            assertThat((String) owned.get("spec", "cluster", "name")).isEqualTo("iecmh-postgres");
            String owner = owned.get("spec", "owner");
            String secret = container.getEnv().stream().filter(e -> e.getName().equals("DATABASE_PASSWORD"))
                    .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName();
            assertThat(secretOfRole).as(service + "'s role " + owner).containsEntry(owner, secret);
            assertThat(container.getEnv().stream().filter(e -> e.getName().equals("DATABASE_USERNAME"))
                    .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
        }
        assertThat(databases).as("a database per service").doesNotHaveDuplicates().hasSize(4);
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
        assertThat(ofKind(objects, Deployment.class)).allSatisfy(d -> assertThat(d.getSpec().getTemplate().getSpec()
                .getContainers().get(0).getResources().getLimits().get("memory")).isEqualTo(new Quantity("512Mi")));
    }

    @Test
    void theImageIsBuiltFromTheModulesLayeredJarAndRunsAsANonRootUser() throws Exception {
        String dockerfile = Files.readString(K8S.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("ARG MODULE")
                .contains("${MODULE}/target/${MODULE}-exec.jar")
                .contains("-Djarmode=tools")
                .contains("extract --layers --launcher")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("USER 10001")
                .contains("MaxRAMPercentage")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
        for (Deployment deployment : ofKind(parse("base"), Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                    .isEqualTo(10001L);
        }
    }

    // --- reading

    private List<HasMetadata> parse(String directory) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> object : Kustomization.render(K8S.resolve(directory))) {
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
