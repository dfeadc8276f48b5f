package org.iecmh.endorsement.association.record;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.References;

import java.util.List;

/**
 * What an association says of itself besides its versioned policy: name, state, time zone, languages, how to reach it
 * and its coordinator, the sender of its mail and the notices it does not send, the categories it offers, its badge
 * issuer, and its reference rules (a rater's link lifetime, when a rating counts). A change takes effect at once.
 */
public record Profile(String name, String state, String timeZone, List<String> languages,
                      Association.Contact contact, Association.Coordinator coordinator, String mailFrom,
                      List<String> noticesOff, List<String> categories, Association.BadgeIssuer badgeIssuer,
                      String linkLifetime, Integer minimumKnownMonths, Integer notEnoughInformationLimit) {

    /** {@code record} with this profile. */
    public Association appliedTo(Association record) {
        References references = record.references();
        return new Association(record.code(), name, state, timeZone, languages, contact, coordinator, mailFrom,
                noticesOff, categories, badgeIssuer, record.exam(), new References(linkLifetime, minimumKnownMonths,
                notEnoughInformationLimit, references == null ? List.of() : references.forms()),
                record.membership(), record.requirements(), record.fees(), record.renewal());
    }

    /** The profile of {@code record}. */
    public static Profile of(Association record) {
        References references = record.references();
        return new Profile(record.name(), record.state(), record.timeZone(), record.languages(), record.contact(),
                record.coordinator(), record.mailFrom(), record.noticesOff(), record.categories(),
                record.badgeIssuer(), references == null ? null : references.linkLifetime(),
                references == null ? null : references.minimumKnownMonths(),
                references == null ? null : references.notEnoughInformationLimit());
    }
}
