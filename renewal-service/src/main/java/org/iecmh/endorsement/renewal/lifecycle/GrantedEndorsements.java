package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.contracts.EndorsementImported;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to application-service: each granted endorsement begins its life here, reminders going to the contact
 * email the applicant gave; so does each endorsement an association imported from before the platform.
 */
@Configuration
class GrantedEndorsements {

    @Bean
    Consumer<Message<List<byte[]>>> applicationEvents(Inbox inbox, CommandGateway commands, TenantPolicies policies) {
        return batch -> inbox.receiveEach(RenewalServiceApplication.NAME, batch, received -> {
            if (received.event() instanceof EndorsementGranted granted) {
                commands.sendAndWait(new ActivateEndorsement(granted.endorsementNumber(), granted.applicationId(),
                                granted.personId(), granted.endorseeName(), granted.category(), granted.grantedAt(),
                                granted.validThrough(), granted.email(),
                                LocalDate.ofInstant(granted.grantedAt(), policies.zone(granted.tenantId()))),
                        received.commandMetaData(RenewalServiceApplication.NAME));
            } else if (received.event() instanceof EndorsementImported imported) {
                LocalDate today = LocalDate.ofInstant(imported.importedAt(), policies.zone(imported.tenantId()));
                commands.sendAndWait(new ImportEndorsement(imported.endorsementNumber(), imported.personId(),
                                imported.endorseeName(), imported.email(), imported.category(), imported.addOns(),
                                imported.endorsedSince(), imported.validThrough(),
                                EndorsementStatus.valueOf(imported.status()), imported.importedBy(),
                                imported.importedAt(), imported.fileSha256(), today,
                                policies.policy(imported.tenantId(), today).inactiveMaximumMonths()),
                        received.commandMetaData(RenewalServiceApplication.NAME));
            }
        });
    }
}
