package org.iecmh.endorsement.contracts;

import java.time.Instant;

/**
 * A person chose how the platform mails them in an association: {@code emailAddress} takes every mail meant for them
 * in place of the address each step gives (their application's contact email, their endorsement's address), and
 * {@code language} (of the association's record's {@code LANGUAGES}) is what their mail is written in, whatever
 * language their requests name; either null when they chose none. {@code sequence} grows with each of the person's
 * choices: a consumer ignores one not newer than the one it keeps. Published by association-service, which keeps the
 * choice once for every service; keyed by association and person, so that the topic, compacted, keeps only the latest.
 */
public record MailPreferencesChanged(
        String tenantId,
        String personId,
        String emailAddress,
        String language,
        long sequence,
        Instant changedAt) implements IntegrationEvent {

    public static final String TYPE = "org.iecmh.endorsement.association.mail-preferences-changed.v1";

    @Override
    public String partitionKey() {
        return tenantId + ":" + personId;
    }
}
