package org.iecmh.endorsement.renewal.reminders;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.iecmh.endorsement.renewal.schedule.ReminderAnchor;
import org.iecmh.endorsement.renewal.schedule.RenewalReminderDue;
import org.iecmh.endorsement.renewal.schedule.RenewalWindowOpened;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/**
 * Mails each reminder that falls due (before the renewal window opens, before it closes) and the news that the window
 * opened, in the endorsee's language (that of the request in which they last named their address). A tracking processor: each mail is recorded in the outbox in the processor's
 * transaction, under a key made from the reminder (endorsement, close of its window, kind and days), so a reminder
 * handled again, even after a replay, is recorded once, and with the Message-ID reminders always had. Reminders sent
 * before the outbox (table {@code reminder_email}) are not recorded again.
 */
@Component
@ProcessingGroup("renewal-reminders")
class RenewalReminders {

    private static final Logger log = LoggerFactory.getLogger(RenewalReminders.class);

    private final Notices notices;
    private final JdbcTemplate jdbc;
    private final String domain;

    RenewalReminders(Notices notices, JdbcTemplate jdbc, @Value("${iecmh.mail.from}") String from) {
        this.notices = notices;
        this.jdbc = jdbc;
        this.domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1) : "localhost";
    }

    /** The endorsee named where their mail goes: what they read is the language of that request. */
    @EventHandler
    void on(EmailAddressRecorded event, @MetaDataValue(AuditMetadata.LANGUAGE) String language) {
        jdbc.queryForList("SELECT person_id FROM endorsement_view WHERE endorsement_number = ?", String.class,
                event.endorsementNumber()).forEach(person -> notices.rememberLanguage(event.tenantId(), person,
                language));
    }

    /** A reminder before the window opens or closes. */
    @EventHandler
    void on(RenewalReminderDue event) {
        boolean opening = event.anchor() == ReminderAnchor.OPENING;
        send(event.endorsementNumber(), event.tenantId(), event.personId(), event.closesOn(),
                opening ? "OPENING" : "CLOSING", event.daysBefore(), event.opensOn());
    }

    /** The window is open: the endorsee may renew from today. */
    @EventHandler
    void on(RenewalWindowOpened event) {
        send(event.endorsementNumber(), event.tenantId(), event.personId(), event.closesOn(), "OPENED", 0,
                event.opensOn());
    }

    private void send(String number, String tenantId, String personId, LocalDate closesOn, String kind,
                      int daysBefore, LocalDate opensOn) {
        List<String> addresses = jdbc.queryForList(
                "SELECT email_address FROM endorsement_view WHERE endorsement_number = ? AND email_address IS NOT NULL",
                String.class, number);
        if (sentBeforeTheOutbox(number, closesOn, kind, daysBefore)) {
            return;
        }
        String suffix = switch (kind) {
            case "OPENING" -> ".before-opening";
            case "OPENED" -> ".window-opened";
            default -> "";
        };
        NoticeKind template = switch (kind) {
            case "OPENING" -> NoticeKind.RENEWAL_OPENS_SOON;
            case "OPENED" -> NoticeKind.RENEWAL_WINDOW_OPENED;
            default -> NoticeKind.RENEWAL_CLOSES_SOON;
        };
        // Without an address of the endorsement's, the one the endorsee chose, if any, takes it.
        boolean recorded = notices.send(Notice.of(template, tenantId, number + "." + closesOn + "." + daysBefore,
                        addresses.isEmpty() ? null : addresses.get(0))
                .to(personId, null)
                .with("number", number)
                .with("opensOn", opensOn)
                .with("closesOn", closesOn)
                .with("daysBefore", daysBefore)
                .leadingTo("/endorsement.html?number=" + number)
                .withMessageId("<renewal-reminder." + number + "." + closesOn + suffix + "." + daysBefore + "@"
                        + domain + ">"));
        if (!recorded && addresses.isEmpty()) {
            log.info("No email address for {}; its {} {} mail stays in its history only", number, kind, daysBefore);
        }
    }

    private boolean sentBeforeTheOutbox(String number, LocalDate closesOn, String kind, int daysBefore) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM reminder_email WHERE endorsement_number = ? AND closes_on = ? AND kind = ?
                AND days_before = ? AND sent_at IS NOT NULL""", Integer.class, number, Date.valueOf(closesOn), kind,
                daysBefore) > 0;
    }
}
