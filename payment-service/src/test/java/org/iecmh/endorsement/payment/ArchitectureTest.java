package org.iecmh.endorsement.payment;

import org.iecmh.endorsement.testkit.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The rules this service's packages keep ({@link ServiceArchitecture}). */
class ArchitectureTest {

    /**
     * Shared: {@code ledger}, the invoices as people look them up, which paying by card, group payments, receipts and
     * the accounts all read; {@code fees}, the association's fee schedule.
     */
    @Test
    void packagesKeepTheirBoundaries() {
        ServiceArchitecture.of(PaymentServiceApplication.class).shared("ledger", "fees")
                .check(Path.of("src/main/java"));
    }
}
