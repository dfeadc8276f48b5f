package org.iecmh.endorsement.renewal.endorsement;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.kit.audit.AlsoStores;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.renewal.activity.YearlyActivity;
import org.iecmh.endorsement.renewal.evidence.Evidence;
import org.iecmh.endorsement.renewal.lifecycle.ActivateEndorsement;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementActivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementImported;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementStatus;
import org.iecmh.endorsement.renewal.lifecycle.ImportEndorsement;
import org.iecmh.endorsement.renewal.reinstatement.ApproveReinstatement;
import org.iecmh.endorsement.renewal.reinstatement.Reinstatement;
import org.iecmh.endorsement.renewal.reminders.EmailAddressRecorded;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.schedule.RenewalCalendar;
import org.iecmh.endorsement.renewal.submission.ApproveRenewal;
import org.iecmh.endorsement.renewal.submission.Renewal;
import org.iecmh.endorsement.renewal.submission.SubmitRenewal;
import org.iecmh.endorsement.renewal.transfer.AcceptTransfer;
import org.iecmh.endorsement.renewal.transfer.Transfer;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A granted endorsement, identified by its number, for as long as it lives. The root begins its life (granted, or
 * imported from before the platform) and keeps it in its association; each feature decides its own commands in a
 * part of the aggregate that lives with that feature: its {@link Lifecycle} here (lapse, hold, revocation, claim),
 * its activity, renewal window and reminders, renewal, the evidence of its hours and the renewal audit, reinstatement
 * and transfer in their packages. Every part sees every event; a snapshot is the root's and its parts' fields.
 */
@AlsoStores(EmailAddressRecorded.class)
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
@Revision("4")
public class Endorsement extends TenantOwnedAggregate {

    @AggregateIdentifier
    private String endorsementNumber;
    @AggregateMember
    private final Lifecycle lifecycle = new Lifecycle();
    @AggregateMember
    private final YearlyActivity activity = new YearlyActivity();
    @AggregateMember
    private final RenewalCalendar calendar = new RenewalCalendar();
    @AggregateMember
    private final Renewal renewal = new Renewal();
    @AggregateMember
    private final Evidence evidence = new Evidence();
    @AggregateMember
    private final Reinstatement reinstatement = new Reinstatement();
    @AggregateMember
    private final Transfer transfer = new Transfer();

    protected Endorsement() {
    }

    @CommandHandler
    public Endorsement(ActivateEndorsement command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        apply(new EndorsementActivated(command.endorsementNumber(), tenantId, command.applicationId(),
                command.personId(), command.endorseeName(), command.category(), command.grantedAt(),
                command.validThrough(), command.endorsedOn()));
        if (command.emailAddress() != null && !command.emailAddress().isBlank()) {
            apply(new EmailAddressRecorded(command.endorsementNumber(), tenantId, command.emailAddress()));
        }
    }

    /**
     * An endorsement from before the platform: activated as a granted one from the day it was endorsed, then put in
     * the status the association's record gives it (lapsed the day after its valid-through, or today if that is
     * later; on hold from today for at most the association's maximum).
     */
    @CommandHandler
    public Endorsement(ImportEndorsement command, @MetaDataValue(AuditMetadata.TENANT) String tenantId) {
        apply(new EndorsementActivated(command.endorsementNumber(), tenantId, null, command.personId(),
                command.endorseeName(), command.category(), command.importedAt(), command.validThrough(),
                command.endorsedSince()));
        apply(new EndorsementImported(command.endorsementNumber(), tenantId, command.personId(), command.category(),
                command.endorsedSince(), command.addOns(), command.importedBy(), command.importedAt(),
                command.fileSha256()));
        apply(new EmailAddressRecorded(command.endorsementNumber(), tenantId, command.emailAddress()));
        if (command.status() == EndorsementStatus.LAPSED) {
            LocalDate dayAfter = command.validThrough().plusDays(1);
            apply(new EndorsementLapsed(command.endorsementNumber(), tenantId,
                    dayAfter.isAfter(command.today()) ? command.today() : dayAfter));
        } else if (command.status() == EndorsementStatus.INACTIVE) {
            apply(new EndorsementInactivated(command.endorsementNumber(), tenantId, command.today(),
                    command.today().plusMonths(command.inactiveMaximumMonths())));
        }
    }

    /**
     * The renewal, by the activity logged for its cycle; once submitted, it is drawn for the association's audit of the
     * evidence of the hours.
     */
    @CommandHandler
    void handle(SubmitRenewal command) {
        renewal.submit(command, activity.log());
        evidence.drawForAudit(command.policy(), command.today());
    }

    /** A renewal drawn for the audit is approved once the audit closed. */
    @CommandHandler
    void handle(ApproveRenewal command) {
        evidence.requireAuditClosed();
        renewal.approve(command);
    }

    /** A reinstatement is approved by the activity logged for the years since the lapse. */
    @CommandHandler
    void handle(ApproveReinstatement command) {
        reinstatement.approve(command, activity.log());
    }

    /**
     * Every other command from another tenant is refused as if the endorsement did not exist; the acceptance of a
     * transfer comes from the receiving association, which owns the endorsement only once it accepted.
     */
    @Override
    protected boolean admitsFromAnotherTenant(String callerTenant, CommandMessage<?> command) {
        return command.getPayload() instanceof AcceptTransfer && transfer.waitsFor(callerTenant);
    }

    @Override
    protected String owningTenant() {
        return lifecycle.tenantId();
    }

    @Override
    protected String kind() {
        return "endorsement";
    }

    @Override
    protected String id() {
        return endorsementNumber;
    }

    @EventSourcingHandler
    void on(EndorsementActivated event) {
        endorsementNumber = event.endorsementNumber();
    }
}
