package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementActivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementRevoked;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.contracts.association.RenewalWindow;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps still ahead of each endorsement, as a read model updated in the transaction that stores its events. A
 * cycle is planned with the policy in force on the day it closes, the same policy the sweeper hands the aggregate.
 */
@Component
@ProcessingGroup("renewal-schedule")
public class ScheduledSteps {

    private static final RowMapper<ScheduledStep> ROW = (rs, n) -> new ScheduledStep(
            rs.getString("endorsement_number"), Step.valueOf(rs.getString("step")), rs.getInt("days_before"),
            rs.getString("tenant_id"), rs.getDate("valid_through").toLocalDate(), rs.getDate("due_on").toLocalDate());

    private final JdbcTemplate jdbc;
    private final TenantPolicies policies;

    ScheduledSteps(JdbcTemplate jdbc, TenantPolicies policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    /** The association's steps whose day has come by {@code today} (its day), earliest first. */
    public List<ScheduledStep> dueBy(String tenantId, LocalDate today, int limit) {
        return jdbc.query("""
                SELECT * FROM scheduled_step WHERE tenant_id = ? AND due_on <= ?
                ORDER BY due_on, endorsement_number LIMIT ?""", ROW, tenantId, Date.valueOf(today), limit);
    }

    /** Every step ahead of one endorsement, earliest first. */
    public List<ScheduledStep> of(String endorsementNumber) {
        return jdbc.query("SELECT * FROM scheduled_step WHERE endorsement_number = ? ORDER BY due_on, step", ROW,
                endorsementNumber);
    }

    /** The step was taken, or turned out not to apply. */
    void done(ScheduledStep step) {
        remove(step.endorsementNumber(), step.step(), step.daysBefore());
    }

    @EventHandler
    void on(EndorsementActivated event) {
        planCycle(event.endorsementNumber(), event.tenantId(), event.validThrough());
    }

    @EventHandler
    void on(EndorsementRenewed event) {
        planCycle(event.endorsementNumber(), event.tenantId(), event.validThrough());
    }

    @EventHandler
    void on(EndorsementReactivated event) {
        planCycle(event.endorsementNumber(), event.tenantId(), event.validThrough());
    }

    /** From now on the receiving association's policy and reminders apply. */
    @EventHandler
    void on(EndorsementTransferred event) {
        planCycle(event.endorsementNumber(), event.toTenantId(), event.validThrough());
    }

    @EventHandler
    void on(RenewalWindowOpened event) {
        remove(event.endorsementNumber(), Step.OPEN_WINDOW, 0);
    }

    @EventHandler
    void on(RenewalReminderDue event) {
        remove(event.endorsementNumber(), event.anchor() == ReminderAnchor.OPENING ? Step.REMIND_OPENING : Step.REMIND,
                event.daysBefore());
    }

    /** Someone who has submitted is not reminded to; the lapse stays planned in case the renewal is not approved. */
    @EventHandler
    void on(RenewalSubmitted event) {
        jdbc.update("DELETE FROM scheduled_step WHERE endorsement_number = ? AND step IN (?, ?)",
                event.endorsementNumber(), Step.REMIND.name(), Step.REMIND_OPENING.name());
    }

    /** On hold, the cycle stops; what remains is the lapse if the endorsee does not come back in time. */
    @EventHandler
    void on(EndorsementInactivated event) {
        // This processor's own steps first: an endorsement imported on hold is activated and inactivated in one
        // command, before another processor has written its view.
        LocalDate validThrough = jdbc.queryForObject("""
                SELECT COALESCE((SELECT valid_through FROM scheduled_step WHERE endorsement_number = ? LIMIT 1),
                                (SELECT valid_through FROM endorsement_view WHERE endorsement_number = ?))""",
                LocalDate.class, event.endorsementNumber(), event.endorsementNumber());
        clear(event.endorsementNumber());
        insert(event.endorsementNumber(), Step.LAPSE, 0, event.tenantId(), validThrough,
                event.inactiveUntil().plusDays(1));
    }

    @EventHandler
    void on(EndorsementLapsed event) {
        clear(event.endorsementNumber());
    }

    @EventHandler
    void on(EndorsementRevoked event) {
        clear(event.endorsementNumber());
    }

    private void planCycle(String number, String tenant, LocalDate validThrough) {
        clear(number);
        for (ScheduledStep step : cycle(number, tenant, validThrough, policies.policy(tenant, validThrough))) {
            insert(step);
        }
    }

    /** Every step of the cycle that ends on {@code validThrough}, as {@code policy} sets it. */
    private static List<ScheduledStep> cycle(String number, String tenant, LocalDate validThrough,
                                             RenewalPolicy policy) {
        RenewalWindow window = policy.windowFor(validThrough);
        List<ScheduledStep> cycle = new ArrayList<>();
        cycle.add(new ScheduledStep(number, Step.OPEN_WINDOW, 0, tenant, validThrough, window.opensOn()));
        for (int days : policy.reminders().beforeOpening()) {
            cycle.add(new ScheduledStep(number, Step.REMIND_OPENING, days, tenant, validThrough,
                    window.opensOn().minusDays(days)));
        }
        for (int days : policy.reminders().beforeClosing()) {
            cycle.add(new ScheduledStep(number, Step.REMIND, days, tenant, validThrough,
                    window.closesOn().minusDays(days)));
        }
        cycle.add(new ScheduledStep(number, Step.LAPSE, 0, tenant, validThrough, window.lapsesAfter().plusDays(1)));
        return cycle;
    }

    /**
     * The association's renewal policy changed: each active endorsement's cycle is planned again by the version now
     * in force for it (the one in force on the day its window closes), from {@code today} (the association's day) on.
     * A step already taken stays taken (the window's opening, the lapse); a step whose day has come stays to be taken
     * as it is; a reminder the new version sets on a day already past is not sent late, nor any once the endorsee has
     * submitted. A reminder sent under the old version is not sent again under the new one if the aggregate has sent
     * one with the same anchor and days this cycle. Planning twice with the same record changes nothing.
     */
    void replan(Association association, LocalDate today) {
        String tenant = association.code();
        List<Map<String, Object>> active = jdbc.queryForList("""
                SELECT endorsement_number, valid_through, renewal FROM endorsement_view
                WHERE tenant_id = ? AND status = 'ACTIVE'""", tenant);
        for (Map<String, Object> endorsement : active) {
            String number = (String) endorsement.get("endorsement_number");
            LocalDate validThrough = ((Date) endorsement.get("valid_through")).toLocalDate();
            boolean submitted = "SUBMITTED".equals(endorsement.get("renewal"));
            Set<Step> untaken = new HashSet<>(jdbc.queryForList("""
                    SELECT step FROM scheduled_step WHERE endorsement_number = ? AND step IN (?, ?)""",
                    String.class, number, Step.OPEN_WINDOW.name(), Step.LAPSE.name()).stream()
                    .map(Step::valueOf).toList());
            jdbc.update("""
                    DELETE FROM scheduled_step WHERE endorsement_number = ?
                    AND (step IN (?, ?) OR due_on > ?)""", number, Step.OPEN_WINDOW.name(), Step.LAPSE.name(),
                    Date.valueOf(today));
            for (ScheduledStep step : cycle(number, tenant, validThrough, association.renewalPolicy(validThrough))) {
                boolean reminder = step.step() == Step.REMIND || step.step() == Step.REMIND_OPENING;
                if (reminder ? !submitted && step.dueOn().isAfter(today) : untaken.contains(step.step())) {
                    jdbc.update("""
                            INSERT INTO scheduled_step (endorsement_number, step, days_before, tenant_id,
                                                        valid_through, due_on)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", number, step.step().name(),
                            step.daysBefore(), tenant, Date.valueOf(validThrough), Date.valueOf(step.dueOn()));
                }
            }
        }
    }

    private void insert(ScheduledStep step) {
        insert(step.endorsementNumber(), step.step(), step.daysBefore(), step.tenantId(), step.validThrough(),
                step.dueOn());
    }

    private void insert(String number, Step step, int daysBefore, String tenant, LocalDate validThrough,
                        LocalDate dueOn) {
        jdbc.update("""
                INSERT INTO scheduled_step (endorsement_number, step, days_before, tenant_id, valid_through, due_on)
                VALUES (?, ?, ?, ?, ?, ?)""", number, step.name(), daysBefore, tenant, Date.valueOf(validThrough),
                Date.valueOf(dueOn));
    }

    private void remove(String number, Step step, int daysBefore) {
        jdbc.update("DELETE FROM scheduled_step WHERE endorsement_number = ? AND step = ? AND days_before = ?",
                number, step.name(), daysBefore);
    }

    private void clear(String number) {
        jdbc.update("DELETE FROM scheduled_step WHERE endorsement_number = ?", number);
    }
}
