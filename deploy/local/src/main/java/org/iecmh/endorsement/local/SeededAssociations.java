package org.iecmh.endorsement.local;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The platform is ready once every service that keeps a view of the associations holds the seed's ({@code ma},
 * {@code wa}): association-service creates them on an empty platform and publishes them on
 * {@code endorsement.associations}; the other services receive them through Kafka a moment later.
 */
final class SeededAssociations {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private SeededAssociations() {
    }

    static void awaitReceived(Collection<ConfigurableApplicationContext> services) {
        List<String> seed = AssociationSeed.load().stream().map(Association::code).toList();
        Instant deadline = Instant.now().plus(WAIT);
        for (ConfigurableApplicationContext service : services) {
            Associations view = service.getBeanProvider(Associations.class).getIfAvailable();
            if (view == null) {
                continue;
            }
            while (!seed.stream().allMatch(code -> view.find(code).isPresent())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service.getId() + " did not receive the seed's associations within "
                            + WAIT.toSeconds() + " s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
