package org.iecmh.endorsement.application.review;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.application.ApplicationServiceApplication;
import org.iecmh.endorsement.application.membership.Memberships;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to payment-service: a paid application fee sends the application to review; a membership is kept for the
 * associations that ask applicants to be members before they apply.
 */
@Configuration
class PaidFees {

    @Bean
    Consumer<Message<List<byte[]>>> paymentEvents(Inbox inbox, CommandGateway commands, Memberships memberships) {
        return batch -> inbox.receiveEach(ApplicationServiceApplication.NAME, batch, received -> {
            if (received.event() instanceof InvoicePaid paid && paid.applicationId() != null) {
                commands.sendAndWait(new OpenReview(paid.applicationId(), paid.invoiceId()),
                        received.commandMetaData(ApplicationServiceApplication.NAME));
            } else if (received.event() instanceof MembershipActive membership) {
                memberships.record(membership);
            }
        });
    }
}
