package org.iecmh.endorsement.renewal;

import org.iecmh.endorsement.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The rules this service's packages keep ({@link ServiceArchitecture}). */
class ArchitectureTest {

    /**
     * The aggregate: {@code endorsement}, the root and its lifecycle member, composing the features' members.
     * Shared: {@code endorsementfile}, the endorsement as people look it up and who may; {@code standing}, what every
     * member of the aggregate reads of the endorsement; {@code requirements}, what a year of the cycle asks;
     * {@code policy}, the associations' policies as this service reads them.
     */
    @Test
    void packagesKeepTheirBoundaries() {
        ServiceArchitecture.of(RenewalServiceApplication.class).aggregate("endorsement")
                .shared("endorsementfile", "standing", "requirements", "policy")
                .check(Path.of("src/main/java"));
    }
}
