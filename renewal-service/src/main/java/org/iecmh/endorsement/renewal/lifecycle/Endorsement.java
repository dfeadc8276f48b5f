package org.iecmh.endorsement.renewal.lifecycle;

import org.iecmh.endorsement.kit.audit.AlsoStores;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;
import org.iecmh.endorsement.kit.tenancy.TenantOwnedAggregate;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.activity.CodeOfEthicsSigned;
import org.iecmh.endorsement.renewal.claim.ClaimEndorsement;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.iecmh.endorsement.renewal.activity.CorrectReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.CorrectTraining;
import org.iecmh.endorsement.renewal.activity.MembershipRecorded;
import org.iecmh.endorsement.renewal.activity.RecordMembership;
import org.iecmh.endorsement.renewal.activity.RecordReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.RecordTraining;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionCorrected;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionProvider;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionRecorded;
import org.iecmh.endorsement.renewal.activity.ReflectiveSupervisionRemoved;
import org.iecmh.endorsement.renewal.activity.RemoveReflectiveSupervision;
import org.iecmh.endorsement.renewal.activity.RemoveTraining;
import org.iecmh.endorsement.renewal.activity.SignCodeOfEthics;
import org.iecmh.endorsement.renewal.activity.TrainingCorrected;
import org.iecmh.endorsement.renewal.activity.TrainingRecorded;
import org.iecmh.endorsement.renewal.activity.TrainingRemoved;
import org.iecmh.endorsement.renewal.activity.YearlyActivityLog;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.contracts.association.RenewalWindow;
import org.iecmh.endorsement.renewal.reinstatement.ApproveReinstatement;
import org.iecmh.endorsement.renewal.reinstatement.RecordReinstatementFeePaid;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementFeePaid;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementRequested;
import org.iecmh.endorsement.renewal.reinstatement.RequestReinstatement;
import org.iecmh.endorsement.renewal.reminders.EmailAddressRecorded;
import org.iecmh.endorsement.renewal.reminders.RecordEmailAddress;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.schedule.LapseEndorsement;
import org.iecmh.endorsement.renewal.schedule.OpenRenewalWindow;
import org.iecmh.endorsement.renewal.schedule.ReminderAnchor;
import org.iecmh.endorsement.renewal.schedule.RenewalReminderDue;
import org.iecmh.endorsement.renewal.schedule.RenewalWindowOpened;
import org.iecmh.endorsement.renewal.schedule.SendRenewalReminder;
import org.iecmh.endorsement.renewal.submission.ApproveRenewal;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeeCharged;
import org.iecmh.endorsement.renewal.submission.LateRenewalFeePaid;
import org.iecmh.endorsement.renewal.submission.RecordLateRenewalFeePaid;
import org.iecmh.endorsement.renewal.submission.RenewalReturned;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.iecmh.endorsement.renewal.submission.ReturnRenewal;
import org.iecmh.endorsement.renewal.submission.SubmitRenewal;
import org.iecmh.endorsement.renewal.transfer.AcceptTransfer;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;
import org.iecmh.endorsement.renewal.transfer.RequestTransfer;
import org.iecmh.endorsement.renewal.transfer.TransferRequested;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A granted endorsement, identified by its number, for as long as it lives: its renewal windows and reminders, its
 * renewals, lapse, hold and revocation. Time-driven commands come from the schedule and may come more than once (or
 * from two instances at the same time): each decides from the stream whether its step is due and not yet taken,
 * and otherwise does nothing.
 */
@AlsoStores(EmailAddressRecorded.class)
@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
@Revision("2")
public class Endorsement extends TenantOwnedAggregate {

    /** Late fee invoices are named {@code INV-LATE-RENEWAL-<endorsement number>-<year of the missed due date>}. */
    public static final String LATE_FEE_INVOICE = "INV-LATE-RENEWAL-";

    @AggregateIdentifier
    private String endorsementNumber;
    private String tenantId;
    private String personId;
    private String category;
    private LocalDate endorsedSince;
    private final YearlyActivityLog activity = new YearlyActivityLog();
    private EndorsementStatus status;
    private LocalDate validThrough;
    /** The close of the window opened for the current valid-through, if it was. */
    private LocalDate windowOpenedFor;
    /** The reminders of this cycle sent, as {@code OPENING:30} or {@code CLOSING:7}. */
    private final Set<String> remindersSent = new HashSet<>();
    private boolean renewalSubmitted;
    private LocalDate inactiveUntil;
    private LocalDate lapsedOn;
    private int reinstatements;
    /** The invoice of the reinstatement under way, if one is. */
    private String reinstatementInvoice;
    private boolean reinstatementFeePaid;
    /** The late fee invoice of the current cycle's renewal, if it was submitted late where that costs a fee. */
    private String lateFeeInvoice;
    private boolean lateFeePaid;
    /** The association a requested transfer waits for, if one does. */
    private String transferTo;

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

    @CommandHandler
    void handle(OpenRenewalWindow command) {
        RenewalWindow window = command.policy().windowFor(validThrough);
        if (status == EndorsementStatus.ACTIVE && !validThrough.equals(windowOpenedFor)
                && window.isOpenOn(command.today())) {
            apply(new RenewalWindowOpened(endorsementNumber, tenantId, personId, window.opensOn(),
                    window.closesOn(), window.lapsesAfter(), command.policy().effectiveFrom()));
        }
    }

    /**
     * A reminder before the opening is due from its day until the window opens (once it is open, the mail that says
     * so has gone); one before the close from its day until the close, unless the endorsee has submitted.
     */
    @CommandHandler
    void handle(SendRenewalReminder command) {
        RenewalWindow window = command.policy().windowFor(validThrough);
        LocalDate anchorDay = command.before() == ReminderAnchor.OPENING ? window.opensOn() : window.closesOn();
        LocalDate dueOn = anchorDay.minusDays(command.daysBefore());
        LocalDate today = command.today();
        boolean due = command.before() == ReminderAnchor.OPENING
                ? !today.isBefore(dueOn) && today.isBefore(anchorDay)
                : !today.isBefore(dueOn) && !today.isAfter(anchorDay);
        if (status == EndorsementStatus.ACTIVE && !renewalSubmitted && due
                && !remindersSent.contains(reminderKey(command.before(), command.daysBefore()))) {
            apply(new RenewalReminderDue(endorsementNumber, tenantId, personId, validThrough, command.daysBefore(),
                    command.before(), window.opensOn()));
        }
    }

    private static String reminderKey(ReminderAnchor anchor, int daysBefore) {
        return anchor + ":" + daysBefore;
    }

    @CommandHandler
    void handle(LapseEndorsement command) {
        boolean unrenewed = status == EndorsementStatus.ACTIVE
                && command.policy().windowFor(validThrough).hasLapsedOn(command.today());
        boolean heldTooLong = status == EndorsementStatus.INACTIVE && command.today().isAfter(inactiveUntil);
        if (unrenewed || heldTooLong) {
            apply(new EndorsementLapsed(endorsementNumber, tenantId, command.today()));
        }
    }

    @CommandHandler
    void handle(SubmitRenewal command) {
        requireActive("renewal-needs-active-endorsement");
        if (renewalSubmitted) {
            throw new DomainRuleViolation("renewal-already-submitted",
                    "A renewal of " + endorsementNumber + " waits for the coordinator");
        }
        RenewalPolicy policy = command.policy();
        RenewalWindow window = policy.windowFor(validThrough);
        if (!window.isOpenOn(command.today())) {
            throw new DomainRuleViolation("renewal-window-closed", "Renewals of " + endorsementNumber
                    + " are accepted from " + window.opensOn() + " to " + window.lapsesAfter());
        }
        List<YearlyActivityLog.YearProgress> unmet = activity.unmet(endorsedSince, validThrough, category, policy);
        if (!unmet.isEmpty()) {
            throw new DomainRuleViolation("renewal-requirements-unmet", unmet.size()
                    + " year(s) of the cycle do not meet the association's requirements", Map.of("years", unmet));
        }
        boolean late = window.isLateOn(command.today());
        apply(new RenewalSubmitted(endorsementNumber, tenantId, command.today(), late,
                late ? policy.lateFeeCents() : 0, policy.currency()));
        if (late && policy.lateFeeCents() > 0 && lateFeeInvoice == null) {
            // One invoice per cycle: the year of the due date it was late for names it.
            apply(new LateRenewalFeeCharged(endorsementNumber, tenantId, personId,
                    LATE_FEE_INVOICE + endorsementNumber + "-" + validThrough.getYear(), policy.lateFeeCents(),
                    policy.currency(), command.today()));
        }
    }

    /** A payment for any other invoice, or a second report of this one, changes nothing. */
    @CommandHandler
    void handle(RecordLateRenewalFeePaid command) {
        if (command.invoiceId().equals(lateFeeInvoice) && !lateFeePaid) {
            apply(new LateRenewalFeePaid(endorsementNumber, tenantId, command.invoiceId()));
        }
    }

    @CommandHandler
    void handle(ReturnRenewal command) {
        requireSubmittedRenewal();
        apply(new RenewalReturned(endorsementNumber, tenantId, command.comments()));
    }

    @CommandHandler
    void handle(ApproveRenewal command) {
        requireSubmittedRenewal();
        if (lateFeeInvoice != null && !lateFeePaid) {
            throw new DomainRuleViolation("late-fee-unpaid",
                    "The late renewal fee (invoice " + lateFeeInvoice + ") is not paid");
        }
        apply(new EndorsementRenewed(endorsementNumber, tenantId, command.today(),
                command.policy().renewedThrough(validThrough)));
    }

    @CommandHandler
    void handle(RecordTraining command) {
        requireNotRevoked();
        apply(new TrainingRecorded(endorsementNumber, tenantId, command.entryId(), command.title(),
                command.attendedOn(), command.hours(), command.deiHours()));
    }

    @CommandHandler
    void handle(CorrectTraining command) {
        requireNotRevoked();
        if (holds(activity.hasTraining(command.entryId()), "training", command.entryId(), command.onlyIfRecorded())) {
            apply(new TrainingCorrected(endorsementNumber, tenantId, command.entryId(), command.title(),
                    command.attendedOn(), command.hours(), command.deiHours()));
        }
    }

    @CommandHandler
    void handle(RemoveTraining command) {
        requireNotRevoked();
        if (holds(activity.hasTraining(command.entryId()), "training", command.entryId(), command.onlyIfRecorded())) {
            apply(new TrainingRemoved(endorsementNumber, tenantId, command.entryId()));
        }
    }

    /** Reflective supervision counts only from a provider endorsed on the session date, and never from oneself. */
    @CommandHandler
    void handle(RecordReflectiveSupervision command) {
        requireNotRevoked();
        requireCountingProvider(command.provider(), command.providerNumber(), command.sessionOn());
        apply(new ReflectiveSupervisionRecorded(endorsementNumber, tenantId, command.entryId(),
                command.providerNumber(), command.sessionOn(), command.hours()));
    }

    /** A corrected session is held to the same rule as a new one, on its corrected date. */
    @CommandHandler
    void handle(CorrectReflectiveSupervision command) {
        requireNotRevoked();
        if (holds(activity.hasSession(command.entryId()), "reflective supervision session", command.entryId(),
                command.onlyIfRecorded())) {
            requireCountingProvider(command.provider(), command.providerNumber(), command.sessionOn());
            apply(new ReflectiveSupervisionCorrected(endorsementNumber, tenantId, command.entryId(),
                    command.providerNumber(), command.sessionOn(), command.hours()));
        }
    }

    @CommandHandler
    void handle(RemoveReflectiveSupervision command) {
        requireNotRevoked();
        if (holds(activity.hasSession(command.entryId()), "reflective supervision session", command.entryId(),
                command.onlyIfRecorded())) {
            apply(new ReflectiveSupervisionRemoved(endorsementNumber, tenantId, command.entryId()));
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
        if (provider.personId().equals(personId)) {
            throw new DomainRuleViolation("rsc-provider-is-endorsee", "Reflective supervision with oneself does not count");
        }
    }

    @CommandHandler
    void handle(SignCodeOfEthics command) {
        requireNotRevoked();
        apply(new CodeOfEthicsSigned(endorsementNumber, tenantId, command.signedOn()));
    }

    @CommandHandler
    void handle(RecordMembership command) {
        apply(new MembershipRecorded(endorsementNumber, tenantId, command.invoiceId(), command.activeThrough(),
                command.activeFrom()));
    }

    /**
     * An endorsement held by an email address (imported before its endorsee had an account) becomes the account's
     * whose token vouches for that address; claimed already by the same person, nothing changes.
     */
    @CommandHandler
    void handle(ClaimEndorsement command) {
        if (personId.equals(command.personId())) {
            return;
        }
        if (command.verifiedEmail() == null || command.verifiedEmail().isBlank()) {
            throw new DomainRuleViolation(ClaimEndorsement.EMAIL_NOT_VERIFIED, "Your sign-in provider does not "
                    + "vouch for an email address: " + endorsementNumber + " is claimed with the verified address it "
                    + "was recorded for");
        }
        String email = command.verifiedEmail().strip().toLowerCase(Locale.ROOT);
        if (!personId.equals(org.iecmh.endorsement.contracts.EndorsementImported.personOf(email))) {
            throw new DomainRuleViolation(ClaimEndorsement.NOT_YOUR_ENDORSEMENT,
                    endorsementNumber + " is not held by the address " + email);
        }
        apply(new EndorsementClaimed(endorsementNumber, tenantId, personId, command.personId(), email,
                command.claimedAt()));
    }

    @CommandHandler
    void handle(RecordEmailAddress command) {
        requireNotRevoked();
        apply(new EmailAddressRecorded(endorsementNumber, tenantId, command.emailAddress()));
    }

    private void requireNotRevoked() {
        if (status == EndorsementStatus.REVOKED) {
            throw new DomainRuleViolation("endorsement-revoked", endorsementNumber + " is revoked");
        }
    }

    @CommandHandler
    void handle(RevokeEndorsement command) {
        if (status == EndorsementStatus.REVOKED) {
            throw new DomainRuleViolation("endorsement-revoked", endorsementNumber + " is already revoked");
        }
        apply(new EndorsementRevoked(endorsementNumber, tenantId, command.reason(), command.today()));
    }

    @CommandHandler
    void handle(InactivateEndorsement command) {
        requireActive("inactive-needs-active-endorsement");
        int maximum = command.policy().inactiveMaximumMonths();
        if (maximum == 0) {
            throw new DomainRuleViolation("inactive-not-offered",
                    "The association does not put endorsements on hold");
        }
        apply(new EndorsementInactivated(endorsementNumber, tenantId, command.today(),
                command.today().plusMonths(maximum)));
    }

    @CommandHandler
    void handle(ReactivateEndorsement command) {
        if (status != EndorsementStatus.INACTIVE) {
            throw new DomainRuleViolation("endorsement-not-inactive", endorsementNumber + " is not on hold");
        }
        // Time on hold does not count towards the cycle: an endorsement whose window passed meanwhile runs to the
        // close of the next window that has not passed yet.
        apply(new EndorsementReactivated(endorsementNumber, tenantId, command.today(),
                command.policy().validThroughOnReturn(validThrough, command.today())));
    }

    @CommandHandler
    void handle(RequestReinstatement command) {
        if (status != EndorsementStatus.LAPSED) {
            throw new DomainRuleViolation("reinstatement-needs-lapsed-endorsement",
                    endorsementNumber + " is " + status.name().toLowerCase());
        }
        if (reinstatementInvoice != null) {
            throw new DomainRuleViolation("reinstatement-already-requested",
                    "A reinstatement of " + endorsementNumber + " is under way");
        }
        apply(new ReinstatementRequested(endorsementNumber, tenantId, personId,
                "INV-REINSTATEMENT-" + endorsementNumber + "-" + (reinstatements + 1), command.today(),
                command.policy().reinstatementFee()));
    }

    /** A payment for any other invoice, or a second report of this one, changes nothing. */
    @CommandHandler
    void handle(RecordReinstatementFeePaid command) {
        if (command.invoiceId().equals(reinstatementInvoice) && !reinstatementFeePaid) {
            apply(new ReinstatementFeePaid(endorsementNumber, tenantId, command.invoiceId()));
        }
    }

    /** Back on the registry with the same number and history, once the fee is paid and the years since the lapse met. */
    @CommandHandler
    void handle(ApproveReinstatement command) {
        if (reinstatementInvoice == null) {
            throw new DomainRuleViolation("reinstatement-not-requested",
                    "No reinstatement of " + endorsementNumber + " waits for approval");
        }
        if (!reinstatementFeePaid) {
            throw new DomainRuleViolation("reinstatement-fee-unpaid",
                    "The reinstatement fee (invoice " + reinstatementInvoice + ") is not paid");
        }
        List<YearlyActivityLog.YearProgress> unmet = activity.unmet(lapsedOn.getYear(), command.today().getYear(),
                category, command.policy());
        if (!unmet.isEmpty()) {
            throw new DomainRuleViolation("reinstatement-requirements-unmet", unmet.size()
                    + " year(s) since the lapse do not meet the association's requirements", Map.of("years", unmet));
        }
        apply(new EndorsementReactivated(endorsementNumber, tenantId, command.today(),
                command.policy().validThroughOnReturn(validThrough, command.today())));
    }

    private void requireActive(String rule) {
        if (status != EndorsementStatus.ACTIVE) {
            throw new DomainRuleViolation(rule, endorsementNumber + " is " + status.name().toLowerCase());
        }
    }

    private void requireSubmittedRenewal() {
        if (!renewalSubmitted) {
            throw new DomainRuleViolation("renewal-not-submitted", "No renewal of " + endorsementNumber
                    + " waits for review");
        }
    }

    @CommandHandler
    void handle(RequestTransfer command) {
        requireActive("transfer-needs-active-endorsement");
        if (command.toTenantId().equals(tenantId)) {
            throw new DomainRuleViolation("transfer-to-same-association",
                    endorsementNumber + " already belongs to " + tenantId);
        }
        if (transferTo != null) {
            throw new DomainRuleViolation("transfer-already-requested",
                    "A transfer of " + endorsementNumber + " to " + transferTo + " waits for acceptance");
        }
        apply(new TransferRequested(endorsementNumber, tenantId, command.toTenantId(), command.today()));
    }

    /**
     * Sent in the receiving tenant, which does not own the endorsement yet: {@link #admitsFromAnotherTenant} lets it
     * through while a transfer to that tenant waits, and the owning tenant changes with the event it applies.
     */
    @CommandHandler
    void handle(AcceptTransfer command, @MetaDataValue(AuditMetadata.TENANT) String callerTenant) {
        if (transferTo == null || !transferTo.equals(callerTenant)) {
            throw new DomainRuleViolation("transfer-accepted-by-receiving-association",
                    "Only the association " + endorsementNumber + " is being transferred to accepts it");
        }
        requireActive("transfer-needs-active-endorsement");
        // Realigned to the receiving association's cycle: its first due date (or window close) on or after today.
        apply(new EndorsementTransferred(endorsementNumber, tenantId, transferTo, command.today(),
                command.policy().validThroughOnTransfer(command.today())));
    }

    /**
     * Every other command from another tenant is refused as if the endorsement did not exist; the acceptance of a
     * transfer comes from the receiving association, which owns the endorsement only once it accepted.
     */
    @Override
    protected boolean admitsFromAnotherTenant(String callerTenant, CommandMessage<?> command) {
        return command.getPayload() instanceof AcceptTransfer && callerTenant.equals(transferTo);
    }

    @Override
    protected String owningTenant() {
        return tenantId;
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
        tenantId = event.tenantId();
        personId = event.personId();
        category = event.category();
        endorsedSince = event.endorsedSince();
        validThrough = event.validThrough();
        status = EndorsementStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(EndorsementClaimed event) {
        personId = event.personId();
    }

    @EventSourcingHandler
    void on(TrainingRecorded event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(ReflectiveSupervisionRecorded event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(TrainingCorrected event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(TrainingRemoved event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(ReflectiveSupervisionCorrected event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(ReflectiveSupervisionRemoved event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(CodeOfEthicsSigned event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(MembershipRecorded event) {
        activity.add(event);
    }

    @EventSourcingHandler
    void on(RenewalWindowOpened event) {
        windowOpenedFor = event.closesOn();
    }

    @EventSourcingHandler
    void on(RenewalReminderDue event) {
        remindersSent.add(reminderKey(event.anchor(), event.daysBefore()));
    }

    @EventSourcingHandler
    void on(EndorsementLapsed event) {
        status = EndorsementStatus.LAPSED;
        lapsedOn = event.lapsedOn();
        renewalSubmitted = false;
        lateFeeInvoice = null;
        lateFeePaid = false;
    }

    @EventSourcingHandler
    void on(RenewalSubmitted event) {
        renewalSubmitted = true;
    }

    @EventSourcingHandler
    void on(LateRenewalFeeCharged event) {
        lateFeeInvoice = event.invoiceId();
        lateFeePaid = false;
    }

    @EventSourcingHandler
    void on(LateRenewalFeePaid event) {
        lateFeePaid = true;
    }

    @EventSourcingHandler
    void on(RenewalReturned event) {
        renewalSubmitted = false;
    }

    @EventSourcingHandler
    void on(EndorsementRenewed event) {
        validThrough(event.validThrough());
    }

    @EventSourcingHandler
    void on(EndorsementRevoked event) {
        status = EndorsementStatus.REVOKED;
        renewalSubmitted = false;
    }

    @EventSourcingHandler
    void on(EndorsementInactivated event) {
        status = EndorsementStatus.INACTIVE;
        inactiveUntil = event.inactiveUntil();
    }

    @EventSourcingHandler
    void on(ReinstatementRequested event) {
        reinstatements++;
        reinstatementInvoice = event.invoiceId();
        reinstatementFeePaid = !event.feeCharged();
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        transferTo = event.toTenantId();
    }

    @EventSourcingHandler
    void on(EndorsementTransferred event) {
        tenantId = event.toTenantId();
        transferTo = null;
        validThrough(event.validThrough());
    }

    @EventSourcingHandler
    void on(ReinstatementFeePaid event) {
        reinstatementFeePaid = true;
    }

    @EventSourcingHandler
    void on(EndorsementReactivated event) {
        status = EndorsementStatus.ACTIVE;
        reinstatementInvoice = null;
        reinstatementFeePaid = false;
        inactiveUntil = null;
        validThrough(event.validThrough());
    }

    /** A new valid-through starts a new cycle: its window and reminders are still to come. */
    private void validThrough(LocalDate through) {
        if (!through.equals(validThrough)) {
            windowOpenedFor = null;
            remindersSent.clear();
            lateFeeInvoice = null;
            lateFeePaid = false;
        }
        validThrough = through;
        renewalSubmitted = false;
    }
}
