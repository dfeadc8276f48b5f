package org.iecmh.endorsement.payment.mail;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.mail.Localized;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.iecmh.endorsement.payment.invoicing.InvoiceIssued;
import org.iecmh.endorsement.payment.invoicing.InvoiceSettled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;

/**
 * Mails the person an invoice is for when it is issued (the amount, when it is due, how to pay) and when it is paid
 * (the receipt), at the address they chose, else the one their application gave, in the language they chose (else the
 * association's first). A tracking processor of its own: each mail is recorded in the outbox in the processor's
 * transaction, keyed by its event, so an event handled again mails nothing more. An invoice for someone whose address
 * the service was never told and who chose none (billed by hand, a renewal's fee) is not mailed.
 */
@Component
@ProcessingGroup("payer-mail")
class PayerMail {

    private final Notices notices;

    PayerMail(Notices notices) {
        this.notices = notices;
    }

    @EventHandler
    void on(InvoiceIssued event, @MessageIdentifier String eventId) {
        notices.send(notice(NoticeKind.INVOICE_ISSUED, event.tenantId(), eventId, event.personId())
                .with("invoice", event.invoiceId())
                .with("total", money(event.total()))
                .with("dueOn", event.dueOn())
                .leadingTo("/pay.html?invoice=" + event.invoiceId()));
    }

    @EventHandler
    void on(InvoiceSettled event, @MessageIdentifier String eventId) {
        notices.send(notice(NoticeKind.INVOICE_PAID, event.tenantId(), eventId, event.personId())
                .with("invoice", event.invoiceId())
                .with("total", money(event.total()))
                .with("receipt", notices.link("/api/payments/invoices/" + event.invoiceId() + "/receipt"))
                .leadingTo("/pay.html?invoice=" + event.invoiceId()));
    }

    /**
     * For the person, at the address their application gave if the service was told it (the mail goes where they
     * chose, if they did; with neither, nowhere).
     */
    private Notice notice(NoticeKind kind, String tenantId, String eventId, String personId) {
        return Notice.of(kind, tenantId, eventId, notices.addressOf(tenantId, personId).orElse(null))
                .to(personId, null);
    }

    /** An amount as the reader's language writes it: $40.00, 40,00 US$. */
    private static Localized money(Money money) {
        return locale -> {
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            format.setCurrency(Currency.getInstance(money.currency()));
            return format.format(BigDecimal.valueOf(money.cents(), 2));
        };
    }
}
