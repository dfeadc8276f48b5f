package org.iecmh.endorsement.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server in the JVM (GreenMail), started on first use on a free port and stopped with the JVM. It
 * accepts every message and keeps it, so a test reads what a service sent as a recipient would.
 */
public final class SmtpServer {

    private final GreenMail greenMail;

    private SmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static SmtpServer start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "smtp-server-stop"));
        return new SmtpServer(greenMail);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far for {@code recipient}, oldest first. */
    public List<MimeMessage> receivedFor(String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> addressedTo(message, recipient))
                .toList();
    }

    private static boolean addressedTo(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String description() {
        return "GreenMail SMTP on " + host() + ":" + port();
    }
}
