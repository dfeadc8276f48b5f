package org.iecmh.endorsement.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the OCI image tarball Jib wrote for payment-service (the build's image-check execution, on an empty base so
 * that no registry is needed; the release image differs only in its base) and checks what Kubernetes relies on: it
 * starts the service's main class with the heap sized from the container, as the numeric non-root user the pods run
 * as, exposes the two ports, carries the project's version, and keeps dependencies apart from the service's classes,
 * so that a new build changes only the small layers.
 */
class ImageTarballTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServiceImageStartsItsMainClassAsTheNonRootUserWithLayersFromDependenciesToClasses() throws IOException {
        Path tarball = Path.of(System.getProperty("image.tarball"));
        assertThat(tarball).as("built by payment-service's package phase (jib:buildTar)").isRegularFile();
        Map<String, byte[]> entries = entries(tarball);

        assertThat(new String(entries.get("oci-layout"), StandardCharsets.UTF_8)).contains("imageLayoutVersion");
        JsonNode index = JSON.readTree(entries.get("index.json"));
        JsonNode described = index.get("manifests").get(0);
        assertThat(described.at("/annotations/org.opencontainers.image.ref.name").asText())
                .isEqualTo("iecmh/payment-service:" + System.getProperty("project.version"));
        JsonNode manifest = JSON.readTree(blob(entries, described.get("digest").asText()));
        JsonNode config = JSON.readTree(blob(entries, manifest.at("/config/digest").asText()));

        JsonNode container = config.get("config");
        assertThat(container.get("User").asText()).as("numeric, so that runAsNonRoot can be checked")
                .isEqualTo("10001:10001");
        List<String> entrypoint = new ArrayList<>();
        container.get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint).startsWith("java").contains("-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=/tmp").endsWith("org.iecmh.endorsement.payment.PaymentServiceApplication");
        assertThat(container.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(container.get("ExposedPorts").has("8090/tcp")).isTrue();
        assertThat(container.at("/Labels/org.opencontainers.image.version").asText())
                .isEqualTo(System.getProperty("project.version"));

        List<String> layers = new ArrayList<>();
        config.get("history").forEach(step -> layers.add(step.path("comment").asText()));
        assertThat(layers).as("dependencies first, the service's own classes last").containsSubsequence(
                "dependencies", "project dependencies", "resources", "classes");
        assertThat(manifest.get("layers")).hasSize(config.at("/rootfs/diff_ids").size());
        Map<String, Long> sizes = new HashMap<>();
        for (int i = 0; i < manifest.get("layers").size(); i++) {
            JsonNode layer = manifest.get("layers").get(i);
            byte[] content = blob(entries, layer.get("digest").asText());
            assertThat((long) content.length).isEqualTo(layer.get("size").asLong());
            sizes.put(layers.get(i), (long) content.length);
            List<String> files = files(content);
            if (layers.get(i).equals("classes")) {
                assertThat(files).anyMatch(f -> f.endsWith("PaymentServiceApplication.class"));
            }
            if (layers.get(i).equals("project dependencies")) {
                assertThat(files).as("the platform's own libraries").anyMatch(f -> f.contains("service-kit"));
            }
        }
        assertThat(sizes.get("classes")).as("a change of code ships a small layer")
                .isLessThan(sizes.get("dependencies") / 10);
    }

    private static byte[] blob(Map<String, byte[]> entries, String digest) {
        byte[] blob = entries.get("blobs/sha256/" + digest.substring("sha256:".length()));
        assertThat(blob).as(digest).isNotNull();
        assertThat("sha256:" + SchemaCatalog.sha256(blob)).as("content matches its digest").isEqualTo(digest);
        return blob;
    }

    private static Map<String, byte[]> entries(Path tarball) throws IOException {
        try (InputStream in = Files.newInputStream(tarball)) {
            return Tar.read(in);
        }
    }

    private static List<String> files(byte[] gzippedLayer) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzippedLayer))) {
            return new ArrayList<>(Tar.read(in).keySet());
        }
    }
}
