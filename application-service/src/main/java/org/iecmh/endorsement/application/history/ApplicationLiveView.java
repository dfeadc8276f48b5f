package org.iecmh.endorsement.application.history;

import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** An application's past states, for auditors, in the shape of {@code GET /api/applications/{id}}. */
@Component
class ApplicationLiveView implements LiveView {

    private final ApplicationViews views;

    ApplicationLiveView(ApplicationViews views) {
        this.views = views;
    }

    @Override
    public String kind() {
        return "applications";
    }

    @Override
    public ReadModel readModel() {
        return new ReadModel(ApplicationViews.PROCESSING_GROUP, ApplicationViews.TABLES, List.of(views));
    }

    @Override
    public Optional<ApplicationView> find(String applicationId) {
        return views.find(applicationId);
    }
}
