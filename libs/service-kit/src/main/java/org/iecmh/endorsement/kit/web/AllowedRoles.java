package org.iecmh.endorsement.kit.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a REST handler: anyone else is refused with 403 ({@link Actor#requireRole}) before the
 * request's body or parameters are read, so that a caller without the role never learns which input is valid.
 * Checks that depend on the record (the applicant's own application) stay in the handler.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowedRoles {

    /** The roles, such as {@link Role#COORDINATOR}. */
    Role[] value();

    /** What the 403 says to anyone else. */
    String refusal();
}
