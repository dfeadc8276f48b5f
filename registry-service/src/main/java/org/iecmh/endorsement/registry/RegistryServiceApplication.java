package org.iecmh.endorsement.registry;

import org.iecmh.endorsement.kit.ServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The public registry of endorsed professionals, built from integration events. */
@SpringBootApplication
public class RegistryServiceApplication {

    public static final String NAME = "registry-service";

    public static SpringApplication application() {
        return ServiceApplication.of(RegistryServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
