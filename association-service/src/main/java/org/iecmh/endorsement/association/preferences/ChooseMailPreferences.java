package org.iecmh.endorsement.association.preferences;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person chooses where and in which language the platform mails them in the association; a null leaves that choice
 * to each step (the address it gives, the language of their request).
 */
public record ChooseMailPreferences(@TargetAggregateIdentifier String preferencesId, String tenantId, String personId,
                                    String emailAddress, String language) {
}
