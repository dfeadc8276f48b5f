package org.iecmh.endorsement.kit.mail;

/** What a mail says: its subject, its plain-text part and its HTML part (none: plain text only). */
public record MailContent(String subject, String text, String html) {
}
