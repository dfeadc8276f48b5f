package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Takes the time-driven steps whose day has come: sends each its command, which the aggregate ignores if the step was
 * taken already or no longer applies. One instance sweeps at a time ({@link ScheduleTrigger} holds a lease), but two
 * sweeping at once would still be safe: two commands for the same step race for the same next sequence number of the
 * endorsement's stream, the database's unique key lets one win, and the loser, sent again, finds the step taken.
 */
@Component
public class Schedule {

    private static final Logger log = LoggerFactory.getLogger(Schedule.class);
    private static final int BATCH = 200;

    private final ScheduledSteps steps;
    private final CommandGateway commands;
    private final TenantPolicies policies;
    private final Clock clock;

    Schedule(ScheduledSteps steps, CommandGateway commands, TenantPolicies policies, Clock clock) {
        this.steps = steps;
        this.commands = commands;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Takes every step due today or earlier, each association's "today" being the day in its own time zone; returns
     * how many steps it handled.
     */
    public int sweep() {
        int handled = 0;
        for (String tenant : policies.codes()) {
            handled += sweep(tenant, policies.today(tenant, clock));
        }
        return handled;
    }

    private int sweep(String tenant, LocalDate today) {
        int handled = 0;
        List<ScheduledStep> due = steps.dueBy(tenant, today, BATCH);
        while (!due.isEmpty()) {
            int before = handled;
            for (ScheduledStep step : due) {
                if (take(step, today)) {
                    handled++;
                }
            }
            if (handled == before) {
                break; // every remaining step failed this time; the next sweep tries again
            }
            due = steps.dueBy(tenant, today, BATCH);
        }
        return handled;
    }

    private boolean take(ScheduledStep step, LocalDate today) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(command(step, today), AuditMetadata.of(step.tenantId(),
                        "service:" + RenewalServiceApplication.NAME, AuditMetadata.SYSTEM_ROLE));
                steps.done(step);
                return true;
            } catch (ConcurrencyException | EventStoreException raced) {
                // The other instance stored this endorsement's next event first (the JDBC engine reports the unique
                // key as either); sent again, the command finds the step taken.
                if (attempt == 2) {
                    log.warn("{} of {} lost two races; the next sweep tries again", step.step(),
                            step.endorsementNumber());
                    return false;
                }
            } catch (RuntimeException e) {
                log.error("{} of {} failed; the next sweep tries again", step.step(), step.endorsementNumber(), e);
                return false;
            }
        }
    }

    private Object command(ScheduledStep step, LocalDate today) {
        RenewalPolicy policy = policies.policy(step.tenantId(), step.validThrough());
        return switch (step.step()) {
            case OPEN_WINDOW -> new OpenRenewalWindow(step.endorsementNumber(), today, policy);
            case REMIND_OPENING -> new SendRenewalReminder(step.endorsementNumber(), ReminderAnchor.OPENING,
                    step.daysBefore(), today, policy);
            case REMIND -> new SendRenewalReminder(step.endorsementNumber(), ReminderAnchor.CLOSING,
                    step.daysBefore(), today, policy);
            case LAPSE -> new LapseEndorsement(step.endorsementNumber(), today, policy);
        };
    }
}
