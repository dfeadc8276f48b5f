package org.iecmh.endorsement.payment.accounts;

import org.iecmh.endorsement.contracts.Money;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.payment.ledger.InvoiceView;
import org.iecmh.endorsement.payment.ledger.InvoiceViews;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;


/** The association's accounts for its coordinators: what is open, overdue (as of today's clock), paid, refunded. */
@RestController
@RequestMapping("/api/payments/accounts")
class AccountsResource {

    private static final String STAFF_ONLY = "Only coordinators or auditors read the accounts";

    private final JdbcTemplate jdbc;
    private final InvoiceViews invoices;
    private final Associations associations;
    private final Clock clock;

    AccountsResource(JdbcTemplate jdbc, InvoiceViews invoices, Associations associations, Clock clock) {
        this.associations = associations;
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.clock = clock;
    }

    @GetMapping
    @AllowedRoles(value = {Role.COORDINATOR, Role.AUDITOR}, refusal = STAFF_ONLY)
    Accounts totals(Actor actor) {
        LocalDate today = associations.require(actor.tenantId()).today(clock);
        List<Accounts.Total> totals = jdbc.query("""
                        SELECT CASE WHEN status = 'OPEN' AND due_on < ? THEN 'OVERDUE' ELSE status END AS standing,
                               currency, count(*) AS invoices, sum(total_cents) AS total, sum(paid_cents) AS paid,
                               sum(waived_cents) AS waived, sum(refunded_cents) AS refunded,
                               sum(CASE WHEN status = 'OPEN' THEN total_cents - paid_cents - waived_cents ELSE 0 END)
                                   AS outstanding
                        FROM invoice_view WHERE tenant_id = ? GROUP BY 1, currency ORDER BY 1, 2""",
                (rs, n) -> {
                    String currency = rs.getString("currency");
                    return new Accounts.Total(Standing.valueOf(rs.getString("standing")), rs.getLong("invoices"),
                            Money.of(rs.getLong("total"), currency), Money.of(rs.getLong("paid"), currency),
                            Money.of(rs.getLong("waived"), currency), Money.of(rs.getLong("refunded"), currency),
                            Money.of(rs.getLong("outstanding"), currency));
                }, Date.valueOf(today), actor.tenantId());
        return new Accounts(actor.tenantId(), today, totals);
    }

    /** The association's invoices in one standing, the earliest due first. */
    @GetMapping("/invoices")
    @AllowedRoles(value = {Role.COORDINATOR, Role.AUDITOR}, refusal = STAFF_ONLY)
    List<InvoiceView> invoices(@RequestParam Standing standing, Actor actor) {
        return invoices.inStanding(actor.tenantId(), standing.name(),
                associations.require(actor.tenantId()).today(clock));
    }
}
