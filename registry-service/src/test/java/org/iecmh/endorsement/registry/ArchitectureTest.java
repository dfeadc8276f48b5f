package org.iecmh.endorsement.registry;

import org.iecmh.endorsement.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The rules this service's packages keep ({@link ServiceArchitecture}). */
class ArchitectureTest {

    /**
     * Shared: {@code search}, the registry's one read model, which every public answer reads; {@code badge}, the
     * issuer whose verification links the certificate prints.
     */
    @Test
    void packagesKeepTheirBoundaries() {
        ServiceArchitecture.of(RegistryServiceApplication.class).shared("search", "badge")
                .check(Path.of("src/main/java"));
    }
}
