package org.iecmh.endorsement.kit;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code service-kit-defaults.properties} below every other property source, so that each service starts
 * with the same explicit choices (Axon without Axon Server, Jackson for everything stored, synchronous Kafka sends,
 * a dead-letter topic per consumer group) and its own {@code application.yml} stays short.
 */
public class ServiceKitDefaults implements EnvironmentPostProcessor {

    static final String NAME = "service-kit-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(NAME, new ClassPathResource(NAME + ".properties")));
        } catch (IOException e) {
            throw new UncheckedIOException("service-kit-defaults.properties is missing from service-kit", e);
        }
    }
}
