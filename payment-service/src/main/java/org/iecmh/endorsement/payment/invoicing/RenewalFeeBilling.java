package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.LateRenewalFeeCharged;
import org.iecmh.endorsement.contracts.ReinstatementRequested;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.iecmh.endorsement.kit.web.Phrase;
import org.iecmh.endorsement.payment.PaymentServiceApplication;
import org.iecmh.endorsement.payment.fees.FeeKind;
import org.iecmh.endorsement.payment.fees.FeeSchedule;
import org.iecmh.endorsement.payment.fees.FeeSchedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to renewal-service and bills what it charges, on the invoice id renewal-service chose, so that the
 * invoice's {@code InvoicePaid} finds its way back: a lapsed endorsement's reinstatement, at the association's
 * reinstatement fee (an association whose schedule has none is billed nothing), and a renewal submitted late, at the
 * late fee its renewal policy names in the event.
 */
@Configuration
class RenewalFeeBilling {

    @Bean
    Consumer<Message<List<byte[]>>> endorsementEvents(Inbox inbox, CommandGateway commands, FeeSchedules fees,
                                                Associations associations, Clock clock) {
        return batch -> inbox.receiveEach(PaymentServiceApplication.NAME, batch, received -> {
            if (received.event() instanceof ReinstatementRequested requested) {
                LocalDate today = associations.require(requested.tenantId()).today(clock);
                FeeSchedule schedule = fees.inEffect(requested.tenantId(), today);
                schedule.flatFee(FeeKind.REINSTATEMENT).ifPresent(fee -> commands.sendAndWait(
                        new IssueInvoice(requested.invoiceId(), requested.personId(), null,
                                List.of(InvoiceLine.of(fee)), today.plusDays(schedule.dueDays()), null, null,
                                schedule.pricedBy()),
                        received.commandMetaData(PaymentServiceApplication.NAME)));
            } else if (received.event() instanceof LateRenewalFeeCharged charged) {
                LocalDate today = associations.require(charged.tenantId()).today(clock);
                FeeSchedule schedule = fees.inEffect(charged.tenantId(), today);
                InvoiceLine lateFee = new InvoiceLine("Late renewal fee, " + charged.endorsementNumber(),
                        charged.fee(), FeeKind.LATE, Phrase.of("fee-late-renewal",
                        "Late renewal fee, " + charged.endorsementNumber(), "endorsement", charged.endorsementNumber()));
                commands.sendAndWait(new IssueInvoice(charged.invoiceId(), charged.personId(), null, List.of(lateFee),
                                today.plusDays(schedule.dueDays()), null, null, null),
                        received.commandMetaData(PaymentServiceApplication.NAME));
            }
        });
    }
}
