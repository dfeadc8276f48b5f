package org.iecmh.endorsement.renewal.activity;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.requirements.YearlyActivityLog;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The endorsement's yearly activity, a part of the Endorsement aggregate: trainings and reflective supervision logged,
 * corrected and removed, the code of ethics signed, memberships recorded. It keeps the {@link YearlyActivityLog} that
 * a renewal and a reinstatement are judged by.
 */
public class YearlyActivity extends EndorsementPart {

    private final YearlyActivityLog log = new YearlyActivityLog();

    /** What the endorsee did, year by year. */
    public YearlyActivityLog log() {
        return log;
    }

    @CommandHandler
    void handle(RecordTraining command) {
        requireTookPlace(command.attendedOn(), command.today());
        standing.requireNotRevoked();
        apply(new TrainingRecorded(standing.endorsementNumber(), standing.tenantId(), command.entryId(),
                command.title(), command.attendedOn(), command.hours(), command.deiHours()));
    }

    @CommandHandler
    void handle(CorrectTraining command) {
        requireTookPlace(command.attendedOn(), command.today());
        standing.requireNotRevoked();
        if (holds(log.hasTraining(command.entryId()), "training", command.entryId(), command.onlyIfRecorded())) {
            apply(new TrainingCorrected(standing.endorsementNumber(), standing.tenantId(), command.entryId(),
                    command.title(), command.attendedOn(), command.hours(), command.deiHours()));
        }
    }

    @CommandHandler
    void handle(RemoveTraining command) {
        standing.requireNotRevoked();
        if (holds(log.hasTraining(command.entryId()), "training", command.entryId(), command.onlyIfRecorded())) {
            apply(new TrainingRemoved(standing.endorsementNumber(), standing.tenantId(), command.entryId()));
        }
    }

    /** Reflective supervision counts only from a provider endorsed on the session date, and never from oneself. */
    @CommandHandler
    void handle(RecordReflectiveSupervision command) {
        requireTookPlace(command.sessionOn(), command.today());
        standing.requireNotRevoked();
        requireCountingProvider(command.provider(), command.providerNumber(), command.sessionOn());
        apply(new ReflectiveSupervisionRecorded(standing.endorsementNumber(), standing.tenantId(), command.entryId(),
                command.providerNumber(), command.sessionOn(), command.hours()));
    }

    /** A corrected session is held to the same rule as a new one, on its corrected date. */
    @CommandHandler
    void handle(CorrectReflectiveSupervision command) {
        requireTookPlace(command.sessionOn(), command.today());
        standing.requireNotRevoked();
        if (holds(log.hasSession(command.entryId()), "reflective supervision session", command.entryId(),
                command.onlyIfRecorded())) {
            requireCountingProvider(command.provider(), command.providerNumber(), command.sessionOn());
            apply(new ReflectiveSupervisionCorrected(standing.endorsementNumber(), standing.tenantId(),
                    command.entryId(), command.providerNumber(), command.sessionOn(), command.hours()));
        }
    }

    @CommandHandler
    void handle(RemoveReflectiveSupervision command) {
        standing.requireNotRevoked();
        if (holds(log.hasSession(command.entryId()), "reflective supervision session", command.entryId(),
                command.onlyIfRecorded())) {
            apply(new ReflectiveSupervisionRemoved(standing.endorsementNumber(), standing.tenantId(),
                    command.entryId()));
        }
    }

    @CommandHandler
    void handle(SignCodeOfEthics command) {
        standing.requireNotRevoked();
        apply(new CodeOfEthicsSigned(standing.endorsementNumber(), standing.tenantId(), command.signedOn()));
    }

    @CommandHandler
    void handle(RecordMembership command) {
        apply(new MembershipRecorded(standing.endorsementNumber(), standing.tenantId(), command.invoiceId(),
                command.activeThrough(), command.activeFrom()));
    }

    /** Activity is logged once it took place: a day after the association's today is refused. */
    private static void requireTookPlace(LocalDate day, LocalDate today) {
        if (day.isAfter(today)) {
            throw new DomainRuleViolation("activity-in-the-future",
                    "Activity is logged once it took place, not before " + day);
        }
    }

    /**
     * Whether the entry is here to change; an entry the endorsee named that is not is unknown, one of the person's
     * other endorsements does not hold is left alone.
     */
    private static boolean holds(boolean recorded, String kind, String entryId, boolean onlyIfRecorded) {
        if (!recorded && !onlyIfRecorded) {
            throw new UnknownResource(kind, entryId);
        }
        return recorded;
    }

    private void requireCountingProvider(ReflectiveSupervisionProvider provider, String providerNumber,
                                         LocalDate sessionOn) {
        if (provider == null) {
            throw new DomainRuleViolation("rsc-provider-not-endorsed", providerNumber
                    + " was not an endorsed reflective supervision provider on " + sessionOn);
        }
        if (provider.personId().equals(standing.personId())) {
            throw new DomainRuleViolation("rsc-provider-is-endorsee",
                    "Reflective supervision with oneself does not count");
        }
    }

    @EventSourcingHandler
    void on(TrainingRecorded event) {
        log.recordTraining(event.entryId(), event.title(), event.attendedOn(), event.hours(), event.deiHoursOrZero());
    }

    @EventSourcingHandler
    void on(TrainingCorrected event) {
        log.correctTraining(event.entryId(), event.title(), event.attendedOn(), event.hours(),
                event.deiHours() == null ? BigDecimal.ZERO : event.deiHours());
    }

    @EventSourcingHandler
    void on(TrainingRemoved event) {
        log.removeTraining(event.entryId());
    }

    @EventSourcingHandler
    void on(ReflectiveSupervisionRecorded event) {
        log.recordSession(event.entryId(), event.providerNumber(), event.sessionOn(), event.hours());
    }

    @EventSourcingHandler
    void on(ReflectiveSupervisionCorrected event) {
        log.correctSession(event.entryId(), event.providerNumber(), event.sessionOn(), event.hours());
    }

    @EventSourcingHandler
    void on(ReflectiveSupervisionRemoved event) {
        log.removeSession(event.entryId());
    }

    @EventSourcingHandler
    void on(CodeOfEthicsSigned event) {
        log.signEthics(event.signedOn());
    }

    @EventSourcingHandler
    void on(MembershipRecorded event) {
        log.addMembership(event.startsOn(), event.activeThrough());
    }

    /**
     * The activity of a stream read outside the aggregate (every event, not a snapshot), applied as the aggregate
     * applies it; other events change nothing.
     */
    static YearlyActivityLog replay(Iterable<?> payloads) {
        YearlyActivity activity = new YearlyActivity();
        for (Object event : payloads) {
            if (event instanceof TrainingRecorded e) {
                activity.on(e);
            } else if (event instanceof TrainingCorrected e) {
                activity.on(e);
            } else if (event instanceof TrainingRemoved e) {
                activity.on(e);
            } else if (event instanceof ReflectiveSupervisionRecorded e) {
                activity.on(e);
            } else if (event instanceof ReflectiveSupervisionCorrected e) {
                activity.on(e);
            } else if (event instanceof ReflectiveSupervisionRemoved e) {
                activity.on(e);
            } else if (event instanceof CodeOfEthicsSigned e) {
                activity.on(e);
            } else if (event instanceof MembershipRecorded e) {
                activity.on(e);
            }
        }
        return activity.log;
    }
}
