package org.iecmh.endorsement.renewal.reminders;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.schedule.RenewalReminderDue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Emails each reminder that falls due. A tracking processor: its token is claimed by one instance at a time, so one
 * instance sends; a failed send is retried (never skipped), and a crash between sending and storing the token may
 * send that one reminder again, which is the better failure for a reminder.
 */
@Component
@ProcessingGroup("renewal-reminders")
class RenewalReminders {

    private static final Logger log = LoggerFactory.getLogger(RenewalReminders.class);

    private final JavaMailSender mail;
    private final JdbcTemplate jdbc;
    private final String from;

    RenewalReminders(JavaMailSender mail, JdbcTemplate jdbc, @Value("${iecmh.reminders.from}") String from) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.from = from;
    }

    @EventHandler
    void on(RenewalReminderDue event) {
        List<String> addresses = jdbc.queryForList(
                "SELECT email_address FROM endorsement_view WHERE endorsement_number = ? AND email_address IS NOT NULL",
                String.class, event.endorsementNumber());
        if (addresses.isEmpty()) {
            log.info("No email address for {}; its {}-day reminder stays in its history only",
                    event.endorsementNumber(), event.daysBefore());
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(addresses.get(0));
        message.setSubject("Endorsement " + event.endorsementNumber() + ": renew by " + event.closesOn());
        message.setText("Your endorsement " + event.endorsementNumber() + " is valid through " + event.closesOn()
                + ", " + event.daysBefore() + " days from now. Its renewal window is open: log this cycle's"
                + " trainings, reflective supervision and code of ethics, then submit your renewal before it closes."
                + " An endorsement not renewed in time is removed from the public registry.");
        mail.send(message);
    }
}
