package org.iecmh.endorsement.payment.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Visibility;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.payment.invoicing.FeesWaived;
import org.iecmh.endorsement.payment.invoicing.InvoiceIssued;
import org.iecmh.endorsement.payment.invoicing.InvoiceLine;
import org.iecmh.endorsement.payment.invoicing.InvoiceSettled;
import org.iecmh.endorsement.payment.invoicing.InvoiceVoided;
import org.iecmh.endorsement.payment.invoicing.PaymentRecorded;
import org.iecmh.endorsement.payment.invoicing.PaymentRefunded;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Invoices as people look them up; updated in the transaction that stores the invoice's events. */
@Component
@ProcessingGroup("invoice-view")
public class InvoiceViews {

    /** The roles that see every invoice of their tenant; anyone else sees the invoices addressed to them. */

    private static final TypeReference<List<InvoiceLine>> LINES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Associations associations;
    private final ObjectMapper json;
    private final RowMapper<InvoiceView> row;

    InvoiceViews(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                 Associations associations) {
        this.jdbc = jdbc;
        this.associations = associations;
        this.json = json;
        this.row = (rs, n) -> {
            String currency = rs.getString("currency");
            String status = rs.getString("status");
            long owed = "OPEN".equals(status)
                    ? rs.getLong("total_cents") - rs.getLong("paid_cents") - rs.getLong("waived_cents") : 0;
            Date membership = rs.getDate("membership_through");
            Date issued = rs.getDate("issued_on");
            return new InvoiceView(rs.getString("invoice_id"), rs.getString("tenant_id"),
                    rs.getString("person_id"), rs.getString("application_id"), lines(rs.getString("lines")),
                    Money.of(rs.getLong("total_cents"), currency), Money.of(rs.getLong("paid_cents"), currency),
                    Money.of(rs.getLong("waived_cents"), currency), Money.of(rs.getLong("refunded_cents"), currency),
                    Money.of(owed, currency), status, issued == null ? null : issued.toLocalDate(),
                    rs.getDate("due_on").toLocalDate(),
                    membership == null ? null : membership.toLocalDate(), rs.getString("void_reason"));
        };
    }

    /** The invoice as people see it, whatever the tenant: for callers that checked the tenant already. */
    public Optional<InvoiceView> find(String invoiceId) {
        return jdbc.query("SELECT * FROM invoice_view WHERE invoice_id = ?", row, invoiceId).stream().findFirst();
    }

    /** The invoice if it exists in the caller's tenant, whoever asks: for staff who act on it. */
    public Optional<InvoiceView> find(String invoiceId, String tenantId) {
        return jdbc.query("SELECT * FROM invoice_view WHERE invoice_id = ? AND tenant_id = ?", row, invoiceId,
                tenantId).stream().findFirst();
    }

    /** The invoice, for staff of its tenant or the person it is addressed to; anyone else is told it does not exist. */
    public InvoiceView require(String invoiceId, Actor actor) {
        List<InvoiceView> found = jdbc.query("SELECT * FROM invoice_view WHERE invoice_id = ? AND tenant_id = ?",
                row, invoiceId, actor.tenantId());
        if (found.isEmpty() || !visibleTo(found.get(0), actor)) {
            throw new UnknownResource("invoice", invoiceId);
        }
        return found.get(0);
    }

    public List<InvoiceView> forApplication(String applicationId, Actor actor) {
        return jdbc.query("SELECT * FROM invoice_view WHERE application_id = ? AND tenant_id = ? ORDER BY invoice_id",
                        row, applicationId, actor.tenantId()).stream()
                .filter(invoice -> visibleTo(invoice, actor)).toList();
    }

    /** An association's invoices in one standing (OPEN, OVERDUE, PAID, REFUNDED, VOID) on {@code today}. */
    public List<InvoiceView> inStanding(String tenantId, String standing, LocalDate today) {
        String where = switch (standing) {
            case "OPEN" -> "status = 'OPEN' AND due_on >= ?";
            case "OVERDUE" -> "status = 'OPEN' AND due_on < ?";
            default -> "status = ? ";
        };
        Object filter = standing.equals("OPEN") || standing.equals("OVERDUE") ? Date.valueOf(today) : standing;
        return jdbc.query("SELECT * FROM invoice_view WHERE tenant_id = ? AND " + where
                + " ORDER BY due_on, invoice_id LIMIT 1000", row, tenantId, filter);
    }

    private static boolean visibleTo(InvoiceView invoice, Actor actor) {
        return Visibility.staffOrOwner(actor, invoice.tenantId(), invoice.personId());
    }

    @EventHandler
    void on(InvoiceIssued event, @Timestamp Instant issuedAt) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO invoice_view (invoice_id, tenant_id, person_id, application_id, lines, total_cents,
                                          paid_cents, currency, status, due_on, membership_through, issued_on)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, 0, ?, 'OPEN', ?, ?, ?) ON CONFLICT (invoice_id) DO NOTHING""",
                event.invoiceId(), event.tenantId(), event.personId(), event.applicationId(),
                json.writeValueAsString(event.lines()), event.total().cents(), event.total().currency(),
                Date.valueOf(event.dueOn()),
                event.membershipThrough() == null ? null : Date.valueOf(event.membershipThrough()),
                Date.valueOf(LocalDate.ofInstant(issuedAt, associations.require(event.tenantId()).zone())));
    }

    @EventHandler
    void on(PaymentRecorded event) {
        jdbc.update("UPDATE invoice_view SET paid_cents = paid_cents + ? WHERE invoice_id = ?",
                event.amount().cents(), event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSettled event) {
        jdbc.update("UPDATE invoice_view SET status = 'PAID' WHERE invoice_id = ?", event.invoiceId());
    }

    @EventHandler
    void on(FeesWaived event) {
        jdbc.update("UPDATE invoice_view SET waived_cents = waived_cents + ? WHERE invoice_id = ?",
                event.amount().cents(), event.invoiceId());
    }

    @EventHandler
    void on(InvoiceVoided event) {
        jdbc.update("UPDATE invoice_view SET status = 'VOID', void_reason = ? WHERE invoice_id = ?",
                event.reason(), event.invoiceId());
    }

    @EventHandler
    void on(PaymentRefunded event) {
        jdbc.update("UPDATE invoice_view SET refunded_cents = refunded_cents + ?, status = 'REFUNDED' "
                + "WHERE invoice_id = ?", event.amount().cents(), event.invoiceId());
    }

    private List<InvoiceLine> lines(String text) {
        try {
            return json.readValue(text, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable invoice lines", e);
        }
    }
}
