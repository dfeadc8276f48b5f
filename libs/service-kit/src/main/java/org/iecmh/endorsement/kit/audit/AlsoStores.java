package org.iecmh.endorsement.kit.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event types an aggregate applies without an event sourcing handler of its own (they change nothing it decides
 * on), so that {@link EventTypes} lists them with the ones its handlers take.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AlsoStores {

    Class<?>[] value();
}
