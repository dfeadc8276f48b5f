package org.iecmh.endorsement.application.history;

import org.iecmh.endorsement.application.submission.ApplicationView;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** An application's past states, for auditors, in the shape of {@code GET /api/applications/{id}}. */
@Component
class ApplicationLiveView implements LiveView {

    private final ApplicationViews views;
    private final ReadModel applicationView;

    ApplicationLiveView(ApplicationViews views, ReadModel applicationView) {
        this.views = views;
        this.applicationView = applicationView;
    }

    @Override
    public String kind() {
        return "applications";
    }

    @Override
    public ReadModel readModel() {
        return applicationView;
    }

    @Override
    public Optional<ApplicationView> find(String applicationId) {
        return views.find(applicationId);
    }
}
