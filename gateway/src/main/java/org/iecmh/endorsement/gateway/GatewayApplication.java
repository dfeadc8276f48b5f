package org.iecmh.endorsement.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The platform's single entry point: routes each API to the service that owns it. */
@SpringBootApplication
public class GatewayApplication {

    public static final String NAME = "gateway";

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", NAME));
        return application;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
