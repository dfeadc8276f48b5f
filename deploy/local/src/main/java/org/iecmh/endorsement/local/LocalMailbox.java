package org.iecmh.endorsement.local;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The local platform's mail, read over plain HTTP from the SMTP server's memory ({@code GET /mail/<address>}: every
 * message to that address, oldest first, headers and plain text). It stands in for IMAP, which the local SMTP server
 * does not offer: GreenMail's IMAP server spins a thread at a full core on a connection its client half-closes, as
 * curl's {@code imap://} does.
 */
final class LocalMailbox implements AutoCloseable {

    private final HttpServer server;

    private LocalMailbox(HttpServer server) {
        this.server = server;
    }

    static LocalMailbox start(GreenMail mail, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/mail/", exchange -> answer(exchange, mail));
        server.start();
        return new LocalMailbox(server);
    }

    private static void answer(HttpExchange exchange, GreenMail mail) throws IOException {
        String address = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring("/mail/".length()),
                StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        try {
            List<MimeMessage> received = Arrays.stream(mail.getReceivedMessages())
                    .filter(message -> addressedTo(message, address)).toList();
            for (MimeMessage message : received) {
                text.append("From: ").append(Arrays.toString(message.getFrom())).append('\n')
                        .append("Date: ").append(message.getSentDate()).append('\n')
                        .append("Subject: ").append(message.getSubject()).append('\n')
                        .append("Message-ID: ").append(message.getMessageID()).append("\n\n")
                        .append(plainText(message)).append("\n----\n");
            }
        } catch (MessagingException e) {
            throw new IOException(e);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                String found = plainText(parts.getBodyPart(i));
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
