package org.iecmh.endorsement.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's DataSource at a fresh database on the JVM's real PostgreSQL server, and its Kafka
 * clients at the JVM's real broker, with topic and consumer group names prefixed for this test class alone.
 * The context is cached per annotated class, so no class sees another's rows or messages; the subclasses of an
 * annotated base class (a service's tests split by feature) share its one context, database and prefix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithRealInfrastructure {
}
