package org.iecmh.endorsement.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real SMTP server in the JVM (GreenMail), started on first use on a free port and stopped with the JVM. It
 * accepts every message and keeps it, so a test reads what a service sent as a recipient would, through GreenMail's
 * API. A test may take it down ({@link #stop()}: the port refuses connections), make it refuse every message as a
 * relay that will not relay does ({@link #refuse()}: each connection is greeted with 554), and bring it back on the
 * same port ({@link #start()}); what it received before is kept.
 */
public final class SmtpServer {

    private static final String HOST = "127.0.0.1";

    private final int port;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail greenMail;
    private ServerSocket refusing;

    private SmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
        this.port = greenMail.getSmtp().getPort();
    }

    static SmtpServer listen(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        SmtpServer server = new SmtpServer(greenMail);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "smtp-server-stop"));
        return server;
    }

    static SmtpServer listen() {
        return listen(0);
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** Takes the server down: connections to its port are refused until {@link #start()}. */
    public synchronized void stop() {
        stopRefusing();
        if (greenMail != null) {
            earlier.addAll(Arrays.asList(greenMail.getReceivedMessages()));
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Greets every connection with {@code 554} and closes it, as a relay that refuses to relay, until {@link #start()}. */
    public synchronized void refuse() {
        stop();
        try {
            refusing = new ServerSocket();
            refusing.setReuseAddress(true);
            refusing.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + HOST + ":" + port, e);
        }
        ServerSocket socket = refusing;
        Thread refuser = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept(); OutputStream out = connection.getOutputStream()) {
                    out.write("554 5.7.1 Relaying refused\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    // Closed by start() or stop(), or the client went away.
                }
            }
        }, "smtp-server-refusing");
        refuser.setDaemon(true);
        refuser.start();
    }

    /** Brings the server back on its port after {@link #stop()} or {@link #refuse()}; a running server stays as it is. */
    public synchronized void start() {
        stopRefusing();
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    private void stopRefusing() {
        if (refusing != null) {
            try {
                refusing.close();
            } catch (IOException ignored) {
                // Closing is all that is asked.
            }
            refusing = null;
        }
    }

    /** Every message received so far for {@code recipient}, oldest first. */
    public synchronized List<MimeMessage> receivedFor(String recipient) {
        Stream<MimeMessage> now = greenMail == null ? Stream.empty() : Arrays.stream(greenMail.getReceivedMessages());
        return Stream.concat(earlier.stream(), now).filter(message -> addressedTo(message, recipient)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String recipient) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject of {@code message}. */
    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Message-ID of {@code message}. */
    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part of {@code message} (the whole body of a message with one part). */
    public static String plainText(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The HTML part of {@code message}; none if it has none. */
    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart parts = (Multipart) part.getContent();
                for (int i = 0; i < parts.getCount(); i++) {
                    String found = part(parts.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String description() {
        return "GreenMail SMTP on " + host() + ":" + port();
    }
}
