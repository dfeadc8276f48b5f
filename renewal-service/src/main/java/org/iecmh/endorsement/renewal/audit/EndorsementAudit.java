package org.iecmh.endorsement.renewal.audit;

import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementViewProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * renewal-service's part in the audit API (service-kit): the endorsement view operators rebuild from the event store
 * through every feature's projection of it, and an endorsement's past states in the shape of
 * {@code GET /api/endorsements/{number}}. The renewal schedule is not rebuilt: its rows say which steps (reminders
 * sent, lapses) were already taken, which replaying would forget. The activity feature declares its own read model.
 */
@Configuration
class EndorsementAudit {

    @Bean
    ReadModel endorsementViewReadModel(List<EndorsementViewProjection> projections) {
        return new ReadModel(EndorsementViewProjection.PROCESSING_GROUP, List.of("endorsement_view"),
                List.copyOf(projections));
    }

    @Bean
    LiveView endorsementLiveView(EndorsementFile file, ReadModel endorsementViewReadModel) {
        return LiveView.of("endorsements", endorsementViewReadModel, file::find);
    }
}
