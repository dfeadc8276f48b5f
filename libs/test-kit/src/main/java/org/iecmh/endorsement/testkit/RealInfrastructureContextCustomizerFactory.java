package org.iecmh.endorsement.testkit;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Registered in {@code META-INF/spring.factories}; acts on test classes annotated {@link WithRealInfrastructure}, on
 * their {@code @Nested} classes, which share the enclosing class's context (its database and topics), and on their
 * subclasses, which share the context of the class that declares the annotation: one service for many test classes.
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
        Class<?> declaring = AnnotationUtils.findAnnotationDeclaringClass(WithRealInfrastructure.class, annotated);
        return new RealInfrastructureContextCustomizer(declaring != null ? declaring : annotated);
    }
}
