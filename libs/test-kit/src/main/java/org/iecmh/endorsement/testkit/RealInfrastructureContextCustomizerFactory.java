package org.iecmh.endorsement.testkit;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Registered in {@code META-INF/spring.factories}; acts on test classes annotated {@link WithRealInfrastructure}, on
 * their {@code @Nested} classes, which share the enclosing class's context (its database and topics), and on the
 * subclasses of an annotated base class, which share the base's: a service's tests split by feature start it once.
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
        while (annotated.getDeclaredAnnotation(WithRealInfrastructure.class) == null
                && annotated.getSuperclass() != null
                && AnnotatedElementUtils.hasAnnotation(annotated.getSuperclass(), WithRealInfrastructure.class)) {
            annotated = annotated.getSuperclass();
        }
        return new RealInfrastructureContextCustomizer(annotated);
    }
}
