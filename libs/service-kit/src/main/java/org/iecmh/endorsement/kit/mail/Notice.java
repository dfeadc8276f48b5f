package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.contracts.NoticeKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A notice to mail someone about a step: its kind (its template), the association, the step that causes it
 * ({@code cause}: an event id, or what identifies the step however often it is handled) and the address the step gives
 * ({@code recipient}); the person it is for and the language the step names for them, the values its template names,
 * and the page it leads to. A notice for a person may give no address: it then goes where the person chose, or where
 * the service was told they are mailed.
 */
public record Notice(NoticeKind kind, String tenantId, String cause, String recipient, String person,
                     String language, Map<String, Object> values, String page, String messageId) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(cause, "cause");
        values = Map.copyOf(values);
    }

    /** A notice of {@code kind} caused by {@code cause}, to {@code recipient} (none: to the person it is for). */
    public static Notice of(NoticeKind kind, String tenantId, String cause, String recipient) {
        return new Notice(kind, tenantId, cause, recipient, null, null, Map.of(), null, null);
    }

    /**
     * The outbox key: the same step, notice and recipient make the same key. It is made from the address the step
     * gives (or the person, where it gives none), never from the one a person chose, so that a step handled again
     * after they chose another address is still recognised.
     */
    public String key() {
        return kind.code() + ":" + cause + ":" + (recipient != null ? recipient : "person." + person);
    }

    /** For the signed-in {@code person}, who reads {@code chosenLanguage} (none: the language they last used). */
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
