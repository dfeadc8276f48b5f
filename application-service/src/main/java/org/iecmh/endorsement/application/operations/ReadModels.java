package org.iecmh.endorsement.application.operations;

import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.application.comments.CommentViews;
import org.iecmh.endorsement.application.decision.DecisionViews;
import org.iecmh.endorsement.application.endorsees.Endorsees;
import org.iecmh.endorsement.application.exam.ExamViews;
import org.iecmh.endorsement.application.portfolio.PortfolioViews;
import org.iecmh.endorsement.application.references.ReferenceViews;
import org.iecmh.endorsement.application.review.ReviewViews;
import org.iecmh.endorsement.application.submission.SubmissionViews;
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

    /**
     * The applications (their case files), portfolios, references, reviews, exams, comments, decisions and the
     * association's endorsees: each feature keeps its part, in one processing group, rebuilt as one.
     */
    @Bean
    ReadModel applicationView(SubmissionViews submission, PortfolioViews portfolio, ReferenceViews references,
                              ReviewViews review, ExamViews exam, CommentViews comments, DecisionViews decision,
                              Endorsees endorsees) {
        return new ReadModel(CaseFile.PROCESSING_GROUP, CaseFile.TABLES,
                List.of(submission, portfolio, references, review, exam, comments, decision, endorsees));
    }

    @Bean
    LiveView applicationLiveView(CaseFile caseFile, ReadModel applicationView) {
        return LiveView.of("applications", applicationView, caseFile::find);
    }
}
