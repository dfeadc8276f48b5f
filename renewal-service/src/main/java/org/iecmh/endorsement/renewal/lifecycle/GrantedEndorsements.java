package org.iecmh.endorsement.renewal.lifecycle;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.EndorsementGranted;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Listens to application-service: each granted endorsement begins its life here, reminders going to the contact
 * email the applicant gave.
 */
@Configuration
class GrantedEndorsements {

    @Bean
    Consumer<Message<byte[]>> applicationEvents(Inbox inbox, CommandGateway commands, TenantPolicies policies) {
        return message -> inbox.receive(RenewalServiceApplication.NAME, message, received -> {
            if (received.event() instanceof EndorsementGranted granted) {
                commands.sendAndWait(new ActivateEndorsement(granted.endorsementNumber(), granted.applicationId(),
                                granted.personId(), granted.endorseeName(), granted.category(), granted.grantedAt(),
                                granted.validThrough(), granted.email(),
                                LocalDate.ofInstant(granted.grantedAt(), policies.zone(granted.tenantId()))),
                        received.commandMetaData(RenewalServiceApplication.NAME));
            }
        });
    }
}
