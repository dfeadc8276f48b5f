package org.iecmh.endorsement.renewal.activity;

import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** Who provided reflective supervision when, a read model operators rebuild from the event store (audit API). */
@Configuration
class ProviderReadModel {

    @Bean
    ReadModel reflectiveSupervisionProvidersReadModel(ReflectiveSupervisionProviders providers) {
        return new ReadModel("reflective-supervision-providers", List.of("provider_period"), List.of(providers));
    }
}
