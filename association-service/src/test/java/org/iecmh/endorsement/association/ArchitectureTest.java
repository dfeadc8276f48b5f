package org.iecmh.endorsement.association;

import org.iecmh.endorsement.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The rules this service's packages keep ({@link ServiceArchitecture}). */
class ArchitectureTest {

    /** Shared: {@code directory}, the associations' records as everyone reads them. */
    @Test
    void packagesKeepTheirBoundaries() {
        ServiceArchitecture.of(AssociationServiceApplication.class).shared("directory")
                .check(Path.of("src/main/java"));
    }
}
