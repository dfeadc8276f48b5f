package org.iecmh.endorsement.renewal;

import org.iecmh.endorsement.kit.ServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The endorsement's life after it is granted: activity, renewal, lapse, reinstatement, transfer. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RenewalServiceApplication {

    public static final String NAME = "renewal-service";

    public static SpringApplication application() {
        return ServiceApplication.of(RenewalServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
