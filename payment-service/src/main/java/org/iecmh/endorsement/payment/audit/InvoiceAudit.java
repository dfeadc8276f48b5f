package org.iecmh.endorsement.payment.audit;

import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * payment-service's part in the audit API (service-kit): the invoice read model operators rebuild from the event
 * store, and an invoice's past states in the shape of {@code GET /api/payments/invoices/{id}}.
 */
@Configuration
class InvoiceAudit {

    @Bean
    ReadModel invoiceViewReadModel(InvoiceViews views) {
        return new ReadModel("invoice-view", List.of("invoice_view"), List.of(views));
    }

    @Bean
    LiveView invoiceLiveView(InvoiceViews views, ReadModel invoiceViewReadModel) {
        return LiveView.of("invoices", invoiceViewReadModel, views::find);
    }
}
