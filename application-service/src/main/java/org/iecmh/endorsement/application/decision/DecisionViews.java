package org.iecmh.endorsement.application.decision;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.ApplicationStatus;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The decision's part of the application read model: a denial's reasons, a withdrawal. */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class DecisionViews {

    private final CaseFile caseFile;

    DecisionViews(CaseFile caseFile) {
        this.caseFile = caseFile;
    }

    @EventHandler
    void on(ApplicationDenied event, @Timestamp Instant at) {
        caseFile.denied(event.applicationId(), event.reasons(), at);
    }

    @EventHandler
    void on(ApplicationWithdrawn event, @Timestamp Instant at) {
        caseFile.moved(event.applicationId(), ApplicationStatus.WITHDRAWN, at);
    }
}
