package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns a {@link Notice} into a mail in the outbox: written from its template in the recipient's language, signed
 * and sent as the association (its {@code mailFrom}, else the service's sender), its links opening the web
 * application's pages ({@code iecmh.mail.link-base}, the gateway's public address). Recorded in the caller's
 * transaction, once per step, notice and recipient.
 */
public class Notices {

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Associations associations;
    private final String linkBase;

    public Notices(MailOutbox outbox, MailTemplates templates, Associations associations, String linkBase) {
        this.outbox = outbox;
        this.templates = templates;
        this.associations = associations;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    /** The address of the web application's {@code page} ({@code /portal.html}) as a mail links to it. */
    public String link(String page) {
        return linkBase + (page.startsWith("/") ? page : "/" + page);
    }

    /** Records the notice's mail; false if it was recorded before. */
    public boolean send(Notice notice) {
        Association association = associations.require(notice.tenantId());
        String language = MailTemplates.languageFor(notice.language(), association);
        Map<String, Object> values = new HashMap<>(notice.values());
        String link = notice.page() == null ? null : link(notice.page());
        values.putIfAbsent("link", link == null ? "" : link);
        MailContent content = templates.write(notice.kind(), language, values, association);
        String sender = association.mailFrom() == null || association.mailFrom().isBlank()
                ? outbox.defaultSender() : association.mailFrom();
        return outbox.record(new OutgoingMail(notice.key(), notice.tenantId(), notice.kind(), notice.recipient(),
                notice.person(), language, sender, association.name(), content, link, notice.messageId()));
    }
}
