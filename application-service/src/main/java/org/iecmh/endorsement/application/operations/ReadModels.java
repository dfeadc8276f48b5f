package org.iecmh.endorsement.application.operations;

import org.axonframework.config.ProcessingGroup;
import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;

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
     * association's endorsees: each feature keeps its part, every part in the one processing group
     * ({@link CaseFile#PROCESSING_GROUP}), rebuilt as one. The parts are found by that group, so a feature adds its
     * views without this class knowing them.
     */
    @Bean
    ReadModel applicationView(ListableBeanFactory beans) {
        List<Object> parts = beans.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(bean -> CaseFile.PROCESSING_GROUP.equals(AnnotationUtils.findAnnotation(
                        AopUtils.getTargetClass(bean), ProcessingGroup.class).value()))
                .toList();
        return new ReadModel(CaseFile.PROCESSING_GROUP, CaseFile.TABLES, parts);
    }

    @Bean
    LiveView applicationLiveView(CaseFile caseFile, ReadModel applicationView) {
        return LiveView.of("applications", applicationView, caseFile::find);
    }
}
