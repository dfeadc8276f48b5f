package org.iecmh.endorsement.association.preferences;

import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The people's preferences as a read model operators may rebuild from the event store (service-kit). */
@Configuration
class MailPreferencesReadModel {

    @Bean
    ReadModel mailPreferenceRecordsReadModel(MailPreferenceRecords records) {
        return new ReadModel(MailPreferenceRecords.PROCESSING_GROUP, List.of("mail_preferences"), List.of(records));
    }
}
