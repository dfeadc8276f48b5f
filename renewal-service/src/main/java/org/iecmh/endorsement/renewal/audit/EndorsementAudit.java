package org.iecmh.endorsement.renewal.audit;

import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionProviders;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementViews;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * renewal-service's part in the audit API (service-kit): the read models operators rebuild from the event store, and
 * an endorsement's past states in the shape of {@code GET /api/endorsements/{number}}. The renewal schedule is not
 * rebuilt: its rows say which steps (reminders sent, lapses) were already taken, which replaying would forget.
 */
@Configuration
class EndorsementAudit {

    @Bean
    ReadModel endorsementViewReadModel(EndorsementViews views) {
        return new ReadModel("endorsement-view", List.of("endorsement_view"), List.of(views));
    }

    @Bean
    ReadModel reflectiveSupervisionProvidersReadModel(ReflectiveSupervisionProviders providers) {
        return new ReadModel("reflective-supervision-providers", List.of("provider_period"), List.of(providers));
    }

    @Bean
    LiveView endorsementLiveView(EndorsementViews views, ReadModel endorsementViewReadModel) {
        return LiveView.of("endorsements", endorsementViewReadModel, views::find);
    }
}
