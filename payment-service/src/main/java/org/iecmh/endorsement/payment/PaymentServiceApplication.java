package org.iecmh.endorsement.payment;

import org.iecmh.endorsement.kit.ServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Fees, invoices and payments. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentServiceApplication {

    public static final String NAME = "payment-service";

    public static SpringApplication application() {
        return ServiceApplication.of(PaymentServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
