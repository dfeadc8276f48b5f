package org.iecmh.endorsement.renewal.activity;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Listens to payment-service: a paid membership counts for each of the person's endorsements in that association. */
@Configuration
class Memberships {

    @Bean
    Consumer<Message<byte[]>> paymentEvents(Inbox inbox, CommandGateway commands, JdbcTemplate jdbc) {
        return message -> inbox.receive(RenewalServiceApplication.NAME, message, received -> {
            if (received.event() instanceof MembershipActive membership) {
                for (String number : jdbc.queryForList("""
                        SELECT endorsement_number FROM endorsement_view
                        WHERE tenant_id = ? AND person_id = ? AND status <> 'REVOKED'""", String.class,
                        membership.tenantId(), membership.personId())) {
                    commands.sendAndWait(new RecordMembership(number, membership.invoiceId(),
                            membership.activeThrough()), received.commandMetaData(RenewalServiceApplication.NAME));
                }
            }
        });
    }
}
