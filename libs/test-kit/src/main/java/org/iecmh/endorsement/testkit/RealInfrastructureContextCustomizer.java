package org.iecmh.endorsement.testkit;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;


/** Equal per test class, so that Spring caches one context, one database and one topic prefix per class. */
record RealInfrastructureContextCustomizer(Class<?> testClass) implements ContextCustomizer {

    private static final String INLINE_TEST_PROPERTIES = "Inline Test Properties";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
        MapPropertySource infrastructure = new MapPropertySource("real-infrastructure",
                RealInfrastructureProperties.forIsolatedTest(testClass.getSimpleName()));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        // Above every configuration file, below what the test itself says inline.
        if (sources.contains(INLINE_TEST_PROPERTIES)) {
            sources.addAfter(INLINE_TEST_PROPERTIES, infrastructure);
        } else {
            sources.addFirst(infrastructure);
        }
    }
}
