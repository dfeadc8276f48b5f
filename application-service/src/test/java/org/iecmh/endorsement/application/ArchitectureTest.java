package org.iecmh.endorsement.application;

import org.iecmh.endorsement.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The rules this service's packages keep ({@link ServiceArchitecture}). */
class ArchitectureTest {

    /**
     * The aggregate: {@code lifecycle}, the Application root composing the members of portfolio, references, review
     * and exam. Shared: {@code casefile}, the application as people look it up and who may; {@code endorsees}, who
     * holds which endorsement and may review; {@code policy} and {@code requirements}, the association's rules as
     * this service reads them; {@code membership}, {@code mail}, {@code history} and {@code operations}.
     */
    @Test
    void packagesKeepTheirBoundaries() {
        ServiceArchitecture.of(ApplicationServiceApplication.class).aggregate("lifecycle")
                .shared("casefile", "endorsees", "policy", "requirements", "membership", "mail", "history",
                        "operations")
                .check(Path.of("src/main/java"));
    }
}
