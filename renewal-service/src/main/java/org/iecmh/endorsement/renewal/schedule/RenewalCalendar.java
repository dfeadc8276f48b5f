package org.iecmh.endorsement.renewal.schedule;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.contracts.association.RenewalWindow;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementStatus;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The renewal window and its reminders in the current cycle, a part of the Endorsement aggregate. The schedule sends
 * their commands when their day comes, perhaps more than once or from two instances at a time: each decides from the
 * stream whether its step is due and not yet taken, and otherwise does nothing.
 */
public class RenewalCalendar extends EndorsementPart {

    /** The close of the window opened for the current valid-through, if it was. */
    private LocalDate windowOpenedFor;
    /** The reminders of this cycle sent, as {@code OPENING:30} or {@code CLOSING:7}. */
    private final Set<String> remindersSent = new HashSet<>();

    @CommandHandler
    void handle(OpenRenewalWindow command) {
        RenewalWindow window = command.policy().windowFor(standing.validThrough());
        if (standing.status() == EndorsementStatus.ACTIVE && !standing.validThrough().equals(windowOpenedFor)
                && window.isOpenOn(command.today())) {
            apply(new RenewalWindowOpened(standing.endorsementNumber(), standing.tenantId(), standing.personId(),
                    window.opensOn(), window.closesOn(), window.lapsesAfter(), command.policy().effectiveFrom()));
        }
    }

    /**
     * A reminder before the opening is due from its day until the window opens (once it is open, the mail that says
     * so has gone); one before the close from its day until the close, unless the endorsee has submitted.
     */
    @CommandHandler
    void handle(SendRenewalReminder command) {
        RenewalWindow window = command.policy().windowFor(standing.validThrough());
        LocalDate anchorDay = command.before() == ReminderAnchor.OPENING ? window.opensOn() : window.closesOn();
        LocalDate dueOn = anchorDay.minusDays(command.daysBefore());
        LocalDate today = command.today();
        boolean due = command.before() == ReminderAnchor.OPENING
                ? !today.isBefore(dueOn) && today.isBefore(anchorDay)
                : !today.isBefore(dueOn) && !today.isAfter(anchorDay);
        if (standing.status() == EndorsementStatus.ACTIVE && !standing.renewalSubmitted() && due
                && !remindersSent.contains(reminderKey(command.before(), command.daysBefore()))) {
            apply(new RenewalReminderDue(standing.endorsementNumber(), standing.tenantId(), standing.personId(),
                    standing.validThrough(), command.daysBefore(), command.before(), window.opensOn()));
        }
    }

    private static String reminderKey(ReminderAnchor anchor, int daysBefore) {
        return anchor + ":" + daysBefore;
    }

    @EventSourcingHandler
    void on(RenewalWindowOpened event) {
        windowOpenedFor = event.closesOn();
    }

    @EventSourcingHandler
    void on(RenewalReminderDue event) {
        remindersSent.add(reminderKey(event.anchor(), event.daysBefore()));
    }

    @Override
    protected void newCycle() {
        windowOpenedFor = null;
        remindersSent.clear();
    }
}
