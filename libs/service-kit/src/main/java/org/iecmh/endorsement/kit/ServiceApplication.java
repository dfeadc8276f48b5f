package org.iecmh.endorsement.kit;

import org.springframework.boot.SpringApplication;

import java.util.Map;

/**
 * Builds a service's {@link SpringApplication} reading its own configuration file, {@code <name>.yml}, rather than
 * {@code application.yml}: so that the local platform and the end-to-end test can run every service in one JVM
 * without one service's configuration shadowing another's.
 */
public final class ServiceApplication {

    private ServiceApplication() {
    }

    public static SpringApplication of(Class<?> source, String name) {
        SpringApplication application = new SpringApplication(source);
        application.setDefaultProperties(Map.of("spring.config.name", name));
        return application;
    }
}
