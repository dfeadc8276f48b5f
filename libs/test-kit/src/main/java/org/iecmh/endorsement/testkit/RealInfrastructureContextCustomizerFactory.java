package org.iecmh.endorsement.testkit;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Registered in {@code META-INF/spring.factories}; acts on test classes annotated {@link WithRealInfrastructure}, and
 * on their {@code @Nested} classes, which share the enclosing class's context (its database and topics).
 */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        Class<?> annotated = testClass;
        while (!AnnotatedElementUtils.hasAnnotation(annotated, WithRealInfrastructure.class)
                && annotated.getEnclosingClass() != null && !Modifier.isStatic(annotated.getModifiers())) {
            annotated = annotated.getEnclosingClass();
        }
        if (!AnnotatedElementUtils.hasAnnotation(annotated, WithRealInfrastructure.class)) {
            return null;
        }
        return new RealInfrastructureContextCustomizer(annotated);
    }
}
