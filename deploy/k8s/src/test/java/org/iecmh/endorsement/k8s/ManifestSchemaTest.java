package org.iecmh.endorsement.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iecmh.endorsement.k8s.KustomizeBinary.list;
import static org.iecmh.endorsement.k8s.KustomizeBinary.map;
import static org.iecmh.endorsement.k8s.ManifestsTest.K8S;

/**
 * Every rendered object against the Kubernetes 1.34 API schema and the operators' CRD schemas that
 * {@code schemas.lock} names with their checksums. The schema files are the operators' own, which the repository does
 * not carry: the Maven profile {@code k8s-schemas} runs this class when a folder holds them (given with
 * {@code -Dk8s.schemas=<folder>}, or {@code shared/k8s-schemas} beside the repository), and fails if it does not.
 */
class ManifestSchemaTest {

    private final ManifestsTest manifests = new ManifestsTest();

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/small", "overlays/production"})
    void everyObjectValidatesAgainstTheLockedKubernetesAndOperatorSchemas(String directory) {
        List<SchemaCatalog.Locked> locked = SchemaCatalog.lock(K8S.resolve("schemas.lock"));
        SchemaCatalog catalog = SchemaCatalog.load(root(), locked);

        List<String> errors = new ArrayList<>();
        for (Map<String, Object> object : KustomizeBinary.render(K8S.resolve(directory))) {
            errors.addAll(catalog.validate(object));
        }
        assertThat(errors).as("objects the API server or an operator would refuse").isEmpty();
    }

    @Test
    void theSchemaCatalogRefusesWhatTheApiServerOrTheOperatorWouldRefuse() {
        SchemaCatalog catalog = SchemaCatalog.load(root(), SchemaCatalog.lock(K8S.resolve("schemas.lock")));
        List<Map<String, Object>> objects = KustomizeBinary.render(K8S.resolve("overlays/production"));

        Map<String, Object> deployment = manifests.copyOf(objects, "Deployment", "gateway");
        map(list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0))
                .put("imagePullPolcy", "Always");
        assertThat(catalog.validate(deployment)).as("a misspelt field").isNotEmpty();

        Map<String, Object> kafka = manifests.copyOf(objects, "Kafka", "iecmh-kafka");
        map(map(kafka.get("spec")).get("kafka")).put("replicas", 3);
        assertThat(catalog.validate(kafka)).as("a field Strimzi 1 removed (node pools hold the replicas)")
                .isNotEmpty();

        Map<String, Object> user = manifests.copyOf(objects, "KafkaUser", "payment-service");
        map(list(map(map(user.get("spec")).get("authorization")).get("acls")).get(0)).put("operation", "Read");
        assertThat(catalog.validate(user)).as("v1beta2's single operation").isNotEmpty();

        Map<String, Object> pooler = manifests.copyOf(objects, "Pooler", "postgres-payment");
        map(map(pooler.get("spec")).get("pgbouncer")).put("poolMode", "transactions");
        assertThat(catalog.validate(pooler)).as("a value outside the enumeration").isNotEmpty();

        Map<String, Object> topic = manifests.copyOf(objects, "KafkaTopic", "prod.endorsement.payments");
        topic.put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(catalog.validate(topic)).as("an API version Strimzi 1 no longer serves").isNotEmpty();
    }

    private static Path root() {
        return SchemaCatalog.root(K8S).orElseThrow(() -> new AssertionError("no schema folder (deploy/k8s/schemas,"
                + " -Dk8s.schemas, K8S_SCHEMAS or shared/k8s-schemas) holds the files schemas.lock names"));
    }
}
