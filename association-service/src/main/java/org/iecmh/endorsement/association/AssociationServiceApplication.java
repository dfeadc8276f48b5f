package org.iecmh.endorsement.association;

import org.iecmh.endorsement.kit.ServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Each association's record and policy: changed by its admin, published to every other service. */
@SpringBootApplication
public class AssociationServiceApplication {

    public static final String NAME = "association-service";

    public static SpringApplication application() {
        return ServiceApplication.of(AssociationServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
