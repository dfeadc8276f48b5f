package org.iecmh.endorsement.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The local OpenID Connect provider: signs in the demo users and issues the tokens the platform accepts. */
@SpringBootApplication
public class IdentityApplication {

    public static final String NAME = "identity";

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(IdentityApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", NAME));
        return application;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
