package org.iecmh.endorsement.kit.messaging;

import org.springframework.messaging.MessageHeaders;

import java.nio.charset.StandardCharsets;

/**
 * CloudEvents 1.0 attributes in Kafka binary mode: each attribute a {@code ce_} header, the event data the record
 * value. Values are written as raw UTF-8 bytes, so that any CloudEvents reader, not only Spring, understands them.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Extension attribute: the association the event belongs to. */
    public static final String TENANT = "ce_tenantid";
    /** Extension attribute: the conversation the event belongs to, for auditors following it across services. */
    public static final String CORRELATION = "ce_correlationid";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";

    private CloudEventHeaders() {
    }

    static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An attribute as text, whether the binder handed it over as bytes or as a string; null when absent.
     * Spring Cloud Function may rename {@code ce_} headers to the canonical {@code ce-} form before a function sees
     * them, so both spellings are read.
     */
    public static String text(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value == null && name.startsWith("ce_")) {
            value = headers.get("ce-" + name.substring(3));
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
