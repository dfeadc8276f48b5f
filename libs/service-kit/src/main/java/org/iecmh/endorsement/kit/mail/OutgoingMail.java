package org.iecmh.endorsement.kit.mail;

import java.util.Objects;

/**
 * A mail to record in the outbox.
 *
 * @param key        what caused it and for whom (say {@code welcome:<event id>:<recipient>}): the same step handled
 *                   again makes the same key, which the outbox records once
 * @param tenantId   the association it is sent for
 * @param kind       what notice it is ({@code welcome}, {@code reference-request}), for staff and for a person's list
 * @param recipient  the address it goes to
 * @param person     the subject of the person it is for, who finds it in their list; none for someone without an
 *                   account (a rater)
 * @param language   the language it is written in ({@code en}, {@code es})
 * @param sender     the address it comes from, and {@code senderName} the name shown with it
 * @param content    subject and parts
 * @param link       the page it leads to, shown in the person's list; none when its only link is a secret
 * @param messageId  its Message-ID, the same on every try; none: made from the key and the sender's domain
 */
public record OutgoingMail(String key, String tenantId, String kind, String recipient, String person,
                           String language, String sender, String senderName, MailContent content, String link,
                           String messageId) {

    public OutgoingMail {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(content, "content");
        if (messageId == null) {
            String domain = sender.contains("@") ? sender.substring(sender.lastIndexOf('@') + 1) : "localhost";
            messageId = "<" + key.replaceAll("[^A-Za-z0-9.\\-]", ".") + "@" + domain + ">";
        }
    }

    /** The same mail under the Message-ID given (a form kept from before the outbox). */
    public OutgoingMail withMessageId(String id) {
        return new OutgoingMail(key, tenantId, kind, recipient, person, language, sender, senderName, content, link,
                id);
    }
}
