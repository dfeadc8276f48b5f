package org.iecmh.endorsement.testkit;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/** Registered in {@code META-INF/spring.factories}; acts on test classes annotated {@link WithRealInfrastructure}. */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        if (!AnnotatedElementUtils.hasAnnotation(testClass, WithRealInfrastructure.class)) {
            return null;
        }
        return new RealInfrastructureContextCustomizer(testClass);
    }
}
