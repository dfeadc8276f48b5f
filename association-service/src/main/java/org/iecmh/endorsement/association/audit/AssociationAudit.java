package org.iecmh.endorsement.association.audit;

import org.iecmh.endorsement.association.directory.AssociationRecords;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * association-service's part in the audit API (service-kit): the records read model operators rebuild from the event
 * store, and an association's past states in the shape of {@code GET /api/associations/{code}}.
 */
@Configuration
class AssociationAudit {

    @Bean
    ReadModel associationRecordsReadModel(AssociationRecords records) {
        return new ReadModel(AssociationRecords.PROCESSING_GROUP, List.of("association_record"), List.of(records));
    }

    @Bean
    LiveView associationLiveView(AssociationRecords records, ReadModel associationRecordsReadModel) {
        return LiveView.of("associations", associationRecordsReadModel, records::find);
    }
}
