package org.iecmh.endorsement.payment.invoicing;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.payment.PaymentServiceApplication;
import org.iecmh.endorsement.payment.fees.FeeSchedule;
import org.iecmh.endorsement.payment.fees.FeeSchedules;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.kit.mail.Notices;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** Listens to application-service: a submitted application is billed the association's fees for its category. */
@Configuration
class SubmissionBilling {

    @Bean
    Consumer<Message<List<byte[]>>> applicationEvents(Inbox inbox, CommandGateway commands, FeeSchedules fees,
                                                Associations associations, Clock clock, Notices notices) {
        return batch -> inbox.receiveEach(PaymentServiceApplication.NAME, batch, received -> {
            if (received.event() instanceof ApplicationSubmitted submitted) {
                // Where the invoice and its receipt are mailed.
                notices.rememberAddress(submitted.tenantId(), submitted.personId(), submitted.contactEmail());
                Category category = Category.fromAbbreviation(submitted.category());
                LocalDate today = associations.require(submitted.tenantId()).today(clock);
                FeeSchedule schedule = fees.inEffect(submitted.tenantId(), today);
                var lines = schedule.forSubmission(category).stream().map(InvoiceLine::of).toList();
                commands.sendAndWait(new IssueInvoice(invoiceIdFor(submitted), submitted.personId(),
                                submitted.applicationId(), lines, today.plusDays(schedule.dueDays()), null, null,
                                schedule.pricedBy()),
                        received.commandMetaData(PaymentServiceApplication.NAME));
            }
        });
    }

    /** One submission, one invoice: the id follows from the application. */
    static String invoiceIdFor(ApplicationSubmitted submitted) {
        return "INV-" + submitted.applicationId();
    }
}
