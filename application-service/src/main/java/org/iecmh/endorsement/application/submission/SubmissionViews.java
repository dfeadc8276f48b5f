package org.iecmh.endorsement.application.submission;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Submission's part of the application read model: the case file opened, handed in, handed in again. */
@Component
@ProcessingGroup(CaseFile.PROCESSING_GROUP)
public class SubmissionViews {

    private final CaseFile caseFile;

    SubmissionViews(CaseFile caseFile) {
        this.caseFile = caseFile;
    }

    @EventHandler
    void on(ApplicationStarted event, @Timestamp Instant at) {
        caseFile.opened(event.applicationId(), event.tenantId(), event.personId(), event.applicantName(),
                event.category().abbreviation(), event.contactEmail(), event.stateOfResidence(), at);
    }

    @EventHandler
    void on(ApplicationSubmitted event, @Timestamp Instant at) {
        caseFile.submitted(event.applicationId(), hasExam(event.requirements()), at);
    }

    @EventHandler
    void on(ApplicationResubmitted event, @Timestamp Instant at) {
        caseFile.resubmitted(event.applicationId(), hasExam(event.requirements()), at);
    }

    /** Whether the category has an exam, by the requirements it was (again) handed in under, if they say. */
    private static Boolean hasExam(CategoryRequirements requirements) {
        return requirements == null ? null : requirements.exam();
    }
}
