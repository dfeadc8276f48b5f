package org.iecmh.endorsement.kit.audit;

import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.Objects;

/**
 * Who did what, for whom, and why: the metadata every command and every stored event carries.
 * Commands get it where they are sent; Axon's correlation data providers copy it onto the events they cause.
 */
public final class AuditMetadata {

    /** The association the message belongs to ({@code ma}, {@code wa}, ...). */
    public static final String TENANT = "tenantId";
    /** Who acted: a user's subject, or {@code service:<name>} for a service reacting to an event. */
    public static final String SUBJECT = "subject";
    /** The role the subject acted in. */
    public static final String ROLE = "role";
    /** The first message of the conversation: an HTTP request, or an event another service published. */
    public static final String CORRELATION = "correlationId";
    /** The message that directly caused this one. */
    public static final String CAUSATION = "causationId";

    /**
     * The language the person who sent the request reads ({@code en}, {@code es}: their request's
     * {@code Accept-Language}, which the web application sets to the page's language); absent when it named none
     * the platform speaks. Mail about what the request started is written in it.
     */
    public static final String LANGUAGE = "language";

    /** The role of a service acting on its own, in reaction to an integration event or the clock. */
    public static final String SYSTEM_ROLE = "SYSTEM";

    private AuditMetadata() {
    }

    /** Metadata for a command sent by an actor within a tenant. */
    public static MetaData of(String tenantId, String subject, String role) {
        return MetaData.from(Map.of(
                TENANT, Objects.requireNonNull(tenantId, "tenantId"),
                SUBJECT, Objects.requireNonNull(subject, "subject"),
                ROLE, Objects.requireNonNull(role, "role")));
    }
}
