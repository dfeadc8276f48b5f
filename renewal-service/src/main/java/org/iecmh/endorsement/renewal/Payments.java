package org.iecmh.endorsement.renewal;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.InvoicePaid;
import org.iecmh.endorsement.contracts.MembershipActive;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.renewal.activity.RecordMembership;
import org.iecmh.endorsement.renewal.reinstatement.RecordReinstatementFeePaid;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementRequested;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeeCharged;
import org.iecmh.endorsement.renewal.submission.RecordLateRenewalFeePaid;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to payment-service: a paid membership counts for each of the person's endorsements in that association;
 * a paid reinstatement or late renewal fee invoice (its id names the endorsement) lets the reinstatement or the
 * renewal go ahead.
 */
@Configuration
class Payments {

    @Bean
    Consumer<Message<List<byte[]>>> paymentEvents(Inbox inbox, CommandGateway commands, JdbcTemplate jdbc) {
        return batch -> inbox.receiveEach(RenewalServiceApplication.NAME, batch, received -> {
            if (received.event() instanceof MembershipActive membership) {
                for (String number : jdbc.queryForList("""
                        SELECT endorsement_number FROM endorsement_view
                        WHERE tenant_id = ? AND person_id = ? AND status <> 'REVOKED'""", String.class,
                        membership.tenantId(), membership.personId())) {
                    commands.sendAndWait(new RecordMembership(number, membership.invoiceId(),
                            membership.activeFrom(), membership.activeThrough()), received.commandMetaData(RenewalServiceApplication.NAME));
                }
            } else if (received.event() instanceof InvoicePaid paid && paid.invoiceId().startsWith(ReinstatementRequested.INVOICE_PREFIX)) {
                // INV-REINSTATEMENT-<endorsement number>-<n>
                commands.sendAndWait(new RecordReinstatementFeePaid(numberIn(paid.invoiceId(), ReinstatementRequested.INVOICE_PREFIX),
                        paid.invoiceId()), received.commandMetaData(RenewalServiceApplication.NAME));
            } else if (received.event() instanceof InvoicePaid paid
                    && paid.invoiceId().startsWith(LateRenewalFeeCharged.INVOICE_PREFIX)) {
                // INV-LATE-RENEWAL-<endorsement number>-<year>
                commands.sendAndWait(new RecordLateRenewalFeePaid(numberIn(paid.invoiceId(),
                        LateRenewalFeeCharged.INVOICE_PREFIX), paid.invoiceId()),
                        received.commandMetaData(RenewalServiceApplication.NAME));
            }
        });
    }

    /** The endorsement number between an invoice id's prefix and its last part. */
    private static String numberIn(String invoiceId, String prefix) {
        String rest = invoiceId.substring(prefix.length());
        return rest.substring(0, rest.lastIndexOf('-'));
    }
}
