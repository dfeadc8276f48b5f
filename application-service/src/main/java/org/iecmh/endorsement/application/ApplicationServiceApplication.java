package org.iecmh.endorsement.application;

import org.iecmh.endorsement.kit.ServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Applications for endorsement: the portfolio, its submission, review and the decision. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApplicationServiceApplication {

    public static final String NAME = "application-service";

    public static SpringApplication application() {
        return ServiceApplication.of(ApplicationServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
