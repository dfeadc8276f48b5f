package org.iecmh.endorsement.kit.mail;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A notice to mail someone about a step: its kind (the template's name), the association, the step that causes it
 * ({@code cause}: an event id, or what identifies the step however often it is handled) and the recipient; the
 * person it is for and the language they chose, the values its template names, and the page it leads to.
 */
public record Notice(String kind, String tenantId, String cause, String recipient, String person, String language,
                     Map<String, Object> values, String page, String messageId) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(recipient, "recipient");
        values = Map.copyOf(values);
    }

    /** A notice of {@code kind} caused by {@code cause}, to {@code recipient}. */
    public static Notice of(String kind, String tenantId, String cause, String recipient) {
        return new Notice(kind, tenantId, cause, recipient, null, null, Map.of(), null, null);
    }

    /** The outbox key: the same step, notice and recipient make the same key. */
    public String key() {
        return kind + ":" + cause + ":" + recipient;
    }

    /** For the signed-in {@code person}, who reads {@code chosenLanguage} (none: the association's first). */
    public Notice to(String subject, String chosenLanguage) {
        return new Notice(kind, tenantId, cause, recipient, subject, chosenLanguage, values, page, messageId);
    }

    /** With the value its template names {@code name}; a null value shows as blank. */
    public Notice with(String name, Object value) {
        Map<String, Object> more = new HashMap<>(values);
        more.put(name, value == null ? "" : value);
        return new Notice(kind, tenantId, cause, recipient, person, language, more, page, messageId);
    }

    /** With each of {@code more} as {@link #with(String, Object)} would add it. */
    public Notice with(Map<String, ?> more) {
        Notice notice = this;
        for (Map.Entry<String, ?> value : more.entrySet()) {
            notice = notice.with(value.getKey(), value.getValue());
        }
        return notice;
    }

    /**
     * Leading to the web application's {@code page} (a path such as {@code /portal.html}), which its template names
     * {@code {link}} and the person's list of notices shows.
     */
    public Notice leadingTo(String page) {
        return new Notice(kind, tenantId, cause, recipient, person, language, values, page, messageId);
    }

    /** Under a Message-ID of its own making, kept from before the outbox. */
    public Notice withMessageId(String id) {
        return new Notice(kind, tenantId, cause, recipient, person, language, values, page, id);
    }
}
