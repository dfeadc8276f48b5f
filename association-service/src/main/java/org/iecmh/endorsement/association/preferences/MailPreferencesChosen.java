package org.iecmh.endorsement.association.preferences;

/** The person's choice as it now stands: both parts, each null when they chose none. */
public record MailPreferencesChosen(String preferencesId, String tenantId, String personId, String emailAddress,
                                    String language) {
}
