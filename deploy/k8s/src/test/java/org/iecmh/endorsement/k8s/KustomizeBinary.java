package org.iecmh.endorsement.k8s;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Kustomize itself, where the machine has it: {@code kustomize build}, or the copy inside {@code kubectl}. */
final class KustomizeBinary {

    private KustomizeBinary() {
    }

    static Optional<List<Map<String, Object>>> render(Path directory) throws Exception {
        List<String> command;
        if (onPath("kustomize").isPresent()) {
            command = List.of(onPath("kustomize").get().toString(), "build", directory.toString());
        } else if (onPath("kubectl").isPresent()) {
            command = List.of(onPath("kubectl").get().toString(), "kustomize", directory.toString());
        } else {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions()))
                .loadAll(new String(out, StandardCharsets.UTF_8))) {
            if (document != null) {
                objects.add(Kustomization.map(document));
            }
        }
        return Optional.of(objects);
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
