package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link Notice} into a mail in the outbox: written from its template in the recipient's language, signed
 * and sent as the association (its {@code mailFrom}, else the service's sender), its links opening the web
 * application's pages ({@code iecmh.mail.link-base}, the gateway's public address). Recorded in the caller's
 * transaction, once per step, notice and recipient; not at all when the association switched that notice off. A
 * person's own choices ({@link MailPreferences}) come first: the address they chose takes the mail meant for them, and
 * the language they chose writes it.
 */
public class Notices {

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Associations associations;
    private final MailPreferences preferences;
    private final String linkBase;

    public Notices(MailOutbox outbox, MailTemplates templates, Associations associations, MailPreferences preferences,
                   String linkBase) {
        this.outbox = outbox;
        this.templates = templates;
        this.associations = associations;
        this.preferences = preferences;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    /** The address of the web application's {@code page} ({@code /portal.html}) as a mail links to it. */
    public String link(String page) {
        return linkBase + (page.startsWith("/") ? page : "/" + page);
    }

    /** Whether the notice's mail was recorded before: a step handled again, whose mail must not be written anew. */
    public boolean recorded(Notice notice) {
        return outbox.find(notice.key()).isPresent();
    }

    /**
     * Keeps the language a person's step was taken in (the event's {@code language} metadata, from their request),
     * so that their later mail is written in it; nothing when the step names none or is nobody's.
     */
    public void rememberLanguage(String tenantId, String person, String language) {
        if (person != null && language != null && Association.LANGUAGES.contains(language)) {
            outbox.rememberLanguage(tenantId, person, language);
        }
    }

    /** Keeps where {@code person} is mailed, as another service told it (nothing for a blank address). */
    public void rememberAddress(String tenantId, String person, String address) {
        if (person != null && address != null && !address.isBlank()) {
            outbox.rememberAddress(tenantId, person, address.strip());
        }
    }

    /**
     * Where another service told this one that {@code person} is mailed in the association, if it did (the address
     * they chose, if any, takes their mail all the same: {@link #send}).
     */
    public Optional<String> addressOf(String tenantId, String person) {
        return outbox.address(tenantId, person);
    }

    /**
     * Records the notice's mail; false if it was recorded before, if the association does not send notices of its
     * kind, or if it has nowhere to go. It goes to the address its person chose, else the one the notice gives, else
     * where the service was told the person is mailed. Its language: the one its person chose, else the one the notice
     * names, else the one the person last used, else the association's first.
     */
    public boolean send(Notice notice) {
        Association association = associations.require(notice.tenantId());
        if (!association.sends(notice.kind())) {
            return false;
        }
        Optional<MailPreferences.Chosen> choice = preferences.of(notice.tenantId(), notice.person());
        String recipient = choice.map(MailPreferences.Chosen::emailAddress)
                .or(() -> Optional.ofNullable(notice.recipient()))
                .or(() -> Optional.ofNullable(notice.person()).flatMap(person -> outbox.address(notice.tenantId(),
                        person)))
                .orElse(null);
        if (recipient == null) {
            return false;
        }
        String chosen = choice.map(MailPreferences.Chosen::language).orElse(notice.language());
        if (chosen == null && notice.person() != null) {
            chosen = outbox.language(notice.tenantId(), notice.person()).orElse(null);
        }
        String language = MailTemplates.languageFor(chosen, association);
        Map<String, Object> values = new HashMap<>(notice.values());
        String link = notice.page() == null ? null : link(notice.page());
        values.putIfAbsent("link", link == null ? "" : link);
        MailContent content = templates.write(notice.kind().code(), language, values, association);
        String sender = association.mailFrom() == null || association.mailFrom().isBlank()
                ? outbox.defaultSender() : association.mailFrom();
        return outbox.record(new OutgoingMail(notice.key(), notice.tenantId(), notice.kind().code(), recipient,
                notice.person(), language, sender, association.name(), content, link, notice.messageId()));
    }
}
