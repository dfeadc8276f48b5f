package org.iecmh.endorsement.kit.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service in miniature, built only from service-kit, so that the kit's tests run it as a real service would. */
@SpringBootApplication
public class SampleApplication {
}
