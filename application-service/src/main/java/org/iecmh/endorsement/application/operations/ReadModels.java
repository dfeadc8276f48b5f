package org.iecmh.endorsement.application.operations;

import org.iecmh.endorsement.application.references.ReferenceViews;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * application-service's read models, which operators rebuild from the event store
 * ({@code /api/applications/read-models}, served by service-kit), and an application's past states for auditors, in
 * the shape of {@code GET /api/applications/{id}}.
 */
@Configuration
class ReadModels {

    /** The applications, their portfolios, reviews, comments and references: one processing group, one rebuild. */
    @Bean
    ReadModel applicationView(ApplicationViews views, ReferenceViews references) {
        return new ReadModel(ApplicationViews.PROCESSING_GROUP, ApplicationViews.TABLES, List.of(views, references));
    }

    @Bean
    LiveView applicationLiveView(ApplicationViews views, ReadModel applicationView) {
        return LiveView.of("applications", applicationView, views::find);
    }
}
