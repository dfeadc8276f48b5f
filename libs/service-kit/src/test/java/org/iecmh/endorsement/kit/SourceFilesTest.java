package org.iecmh.endorsement.kit;

import org.iecmh.endorsement.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module's production sources, the libraries and tools as much as the services (whose ArchitectureTest checks
 * their own): a file over {@value ServiceArchitecture#LONG_FILE} lines says why in its class comment.
 */
class SourceFilesTest {

    /** The repository, from this module's folder (libs/service-kit). */
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void aLongSourceFileSaysWhyItIsLong() throws IOException {
        List<Path> roots;
        try (Stream<Path> found = Files.find(REPOSITORY, 6, (path, attributes) -> attributes.isDirectory()
                && path.endsWith(Path.of("src", "main", "java")) && !path.toString().contains("node_modules"))) {
            roots = found.sorted().toList();
        }
        assertThat(roots).as("the modules' source folders").hasSizeGreaterThan(10);
        List<String> unexplained = new ArrayList<>();
        for (Path root : roots) {
            ServiceArchitecture.longFilesWithoutAReason(root)
                    .forEach(file -> unexplained.add(REPOSITORY.relativize(root) + "/" + file));
        }
        assertThat(unexplained).isEmpty();
    }
}
