package org.iecmh.endorsement.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.iecmh.endorsement.k8s.KustomizeBinary.map;

/**
 * The API schemas the manifests must satisfy, exactly the files (and versions) {@code schemas.lock} lists: the
 * Kubernetes API's OpenAPI definitions of one release and the CustomResourceDefinitions of the operators. Each object
 * is validated as a JSON Schema (networknt) against every schema that serves its apiVersion and kind, made strict the
 * way the API server prunes: an object schema with properties accepts no other field unless it says it preserves
 * unknown fields.
 */
final class SchemaCatalog {

    /** One line of schemas.lock: the file under the schema root, its SHA-256 and where it comes from. */
    record Locked(String file, String sha256, String origin) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KUBERNETES = "kubernetes-";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final ObjectNode definitions;
    /** "group/version/Kind" (group empty for the core API) to the schemas that serve it, by the file they came from. */
    private final Map<String, Map<String, JsonNode>> served = new LinkedHashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private SchemaCatalog(ObjectNode definitions) {
        this.definitions = definitions;
    }

    static List<Locked> lock(Path lockFile) {
        List<Locked> locked = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(lockFile)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 3);
                locked.add(new Locked(parts[0], parts[1], parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return locked;
    }

    /**
     * Where the schema files are: {@code -Dk8s.schemas} or {@code K8S_SCHEMAS}, else {@code deploy/k8s/schemas}, else
     * {@code k8s-schemas} in the shared folder beside the repository.
     */
    static Optional<Path> root(Path k8s) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("k8s.schemas")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("K8S_SCHEMAS")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        candidates.add(k8s.resolve("schemas"));
        candidates.add(k8s.resolve("../../../shared/k8s-schemas").normalize());
        return candidates.stream().filter(Files::isDirectory).findFirst();
    }

    /** Reads every locked file under root, after checking that each is the very file the lock names. */
    static SchemaCatalog load(Path root, List<Locked> locked) {
        ObjectNode definitions = null;
        List<Map.Entry<String, Map<String, Object>>> crds = new ArrayList<>();
        for (Locked file : locked) {
            Path path = root.resolve(file.file());
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new AssertionError("schema " + file.file() + " (" + file.origin() + ") missing under " + root, e);
            }
            String sha256 = sha256(bytes);
            if (!sha256.equals(file.sha256())) {
                throw new AssertionError(file.file() + " is not the locked version " + file.origin() + ": sha256 "
                        + sha256 + ", locked " + file.sha256());
            }
            if (file.file().startsWith(KUBERNETES)) {
                try {
                    definitions = (ObjectNode) JSON.readTree(bytes).get("definitions");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                Object document = new Yaml(new SafeConstructor(new LoaderOptions()))
                        .load(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                crds.add(Map.entry(file.file(), map(document)));
            }
        }
        if (definitions == null) {
            throw new AssertionError("schemas.lock names no Kubernetes API definitions");
        }
        SchemaCatalog catalog = new SchemaCatalog(strictKubernetes(definitions));
        catalog.indexKubernetes();
        crds.forEach(crd -> catalog.indexCrd(crd.getKey(), crd.getValue()));
        return catalog;
    }

    /** What is wrong with the object by each schema that serves its kind; one message if none serves it. */
    List<String> validate(Map<String, Object> object) {
        String apiVersion = (String) object.get("apiVersion");
        String key = (apiVersion.contains("/") ? apiVersion : "/" + apiVersion) + "/" + object.get("kind");
        Map<String, JsonNode> schemas = served.get(key);
        if (schemas == null) {
            return List.of(KustomizeBinary.describe(object) + ": no schema serves " + key);
        }
        JsonNode node = JSON.valueToTree(object);
        List<String> errors = new ArrayList<>();
        schemas.forEach((file, schema) -> {
            JsonSchema compiledSchema = compiled.computeIfAbsent(file + "#" + key, k -> compile(schema));
            for (ValidationMessage message : compiledSchema.validate(node)) {
                errors.add(KustomizeBinary.describe(object) + " (" + file + "): " + message.getMessage());
            }
        });
        return errors;
    }

    Set<String> servedKinds() {
        return served.keySet();
    }

    private static JsonSchema compile(JsonNode schema) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
    }

    private void indexKubernetes() {
        definitions.fields().forEachRemaining(entry -> {
            JsonNode kinds = entry.getValue().get("x-kubernetes-group-version-kind");
            if (kinds == null || !entry.getValue().has("properties")
                    || !entry.getValue().get("properties").has("metadata")) {
                return;
            }
            for (JsonNode gvk : kinds) {
                String key = gvk.get("group").asText() + "/" + gvk.get("version").asText() + "/"
                        + gvk.get("kind").asText();
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("$ref", "#/definitions/" + entry.getKey());
                root.set("definitions", definitions);
                served.computeIfAbsent(key, k -> new LinkedHashMap<>()).put("kubernetes", root);
            }
        });
    }

    private void indexCrd(String file, Map<String, Object> crd) {
        if (!"CustomResourceDefinition".equals(crd.get("kind"))) {
            throw new AssertionError(file + " is not a CustomResourceDefinition");
        }
        Map<String, Object> spec = map(crd.get("spec"));
        String group = (String) spec.get("group");
        String kind = (String) map(spec.get("names")).get("kind");
        for (Object item : KustomizeBinary.list(spec.get("versions"))) {
            Map<String, Object> version = map(item);
            if (!Boolean.TRUE.equals(version.get("served"))) {
                continue;
            }
            ObjectNode schema = (ObjectNode) JSON.valueToTree(
                    map(map(version.get("schema")).get("openAPIV3Schema")));
            strict(schema);
            ObjectNode properties = (ObjectNode) schema.get("properties");
            // Every object's metadata is the API's own ObjectMeta, whatever the CRD says of it.
            properties.set("metadata", JsonNodeFactory.instance.objectNode()
                    .put("$ref", "#/definitions/" + OBJECT_META));
            properties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("type", "string"));
            properties.set("kind", JsonNodeFactory.instance.objectNode().put("type", "string"));
            schema.set("definitions", definitions);
            served.computeIfAbsent(group + "/" + version.get("name") + "/" + kind, k -> new LinkedHashMap<>())
                    .put(file, schema);
        }
    }

    /** The API's definitions, made strict, with the two types the API server reads loosely spelled out. */
    private static ObjectNode strictKubernetes(ObjectNode definitions) {
        ObjectNode copy = definitions.deepCopy();
        copy.fields().forEachRemaining(entry -> strict(entry.getValue()));
        ArrayNode intOrString = JsonNodeFactory.instance.arrayNode().add("integer").add("string");
        copy.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                JsonNodeFactory.instance.objectNode().set("type", intOrString));
        ArrayNode quantity = JsonNodeFactory.instance.arrayNode().add("string").add("number");
        copy.set("io.k8s.apimachinery.pkg.api.resource.Quantity",
                JsonNodeFactory.instance.objectNode().set("type", quantity));
        return copy;
    }

    /**
     * Unknown fields fail, as the API server's pruning would drop them: additionalProperties false wherever an object
     * lists its properties and neither allows more nor preserves unknown fields. Formats are the API server's own
     * (int-or-string, quantity, int32) and are dropped; nullable becomes a null type.
     */
    private static void strict(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(SchemaCatalog::strict);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        object.remove("format");
        if (object.has("properties") && object.get("properties").isObject()
                && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        if (object.path("nullable").asBoolean(false) && object.has("type") && object.get("type").isTextual()) {
            object.set("type", JsonNodeFactory.instance.arrayNode().add(object.get("type").asText()).add("null"));
        }
        if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
            object.remove("type");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("properties") && field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(property -> strict(property.getValue()));
            } else if (!field.getKey().equals("enum") && !field.getKey().equals("default")
                    && !field.getKey().equals("example")) {
                strict(field.getValue());
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
