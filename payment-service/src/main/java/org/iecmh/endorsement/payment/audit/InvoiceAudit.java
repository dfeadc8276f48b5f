package org.iecmh.endorsement.payment.audit;

import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.iecmh.endorsement.kit.readmodel.ReadModel;
import org.iecmh.endorsement.payment.invoicing.InvoiceView;
import org.iecmh.endorsement.payment.invoicing.InvoiceViews;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Optional;

/**
 * payment-service's part in the audit API (service-kit): the invoice read model operators rebuild from the event
 * store, and an invoice's past states in the shape of {@code GET /api/payments/invoices/{id}}.
 */
@Configuration
class InvoiceAudit {

    static ReadModel invoiceView(InvoiceViews views) {
        return new ReadModel("invoice-view", List.of("invoice_view"), List.of(views));
    }

    @Bean
    ReadModel invoiceViewReadModel(InvoiceViews views) {
        return invoiceView(views);
    }

    @Bean
    LiveView invoiceLiveView(InvoiceViews views) {
        return new LiveView() {
            @Override
            public String kind() {
                return "invoices";
            }

            @Override
            public ReadModel readModel() {
                return invoiceView(views);
            }

            @Override
            public Optional<InvoiceView> find(String invoiceId) {
                return views.find(invoiceId);
            }
        };
    }
}
