package org.iecmh.endorsement.renewal.endorsement;

import org.axonframework.commandhandling.CommandHandler;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.renewal.claim.ClaimEndorsement;
import org.iecmh.endorsement.renewal.claim.EndorsementClaimed;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementInactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementRevoked;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementStatus;
import org.iecmh.endorsement.renewal.lifecycle.InactivateEndorsement;
import org.iecmh.endorsement.renewal.lifecycle.ReactivateEndorsement;
import org.iecmh.endorsement.renewal.lifecycle.RevokeEndorsement;
import org.iecmh.endorsement.renewal.reminders.EmailAddressRecorded;
import org.iecmh.endorsement.renewal.reminders.RecordEmailAddress;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.schedule.LapseEndorsement;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import java.util.Locale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The endorsement's lifecycle after it began: a lapse when it was not renewed in time or stayed on hold too long, the
 * hold and the return from it, revocation; who holds it (a claim) and where its mail goes.
 */
class Lifecycle extends EndorsementPart {

    /** The association that holds the endorsement now. */
    String tenantId() {
        return standing.tenantId();
    }

    @CommandHandler
    void handle(LapseEndorsement command) {
        boolean unrenewed = standing.status() == EndorsementStatus.ACTIVE
                && command.policy().windowFor(standing.validThrough()).hasLapsedOn(command.today());
        boolean heldTooLong = standing.status() == EndorsementStatus.INACTIVE
                && command.today().isAfter(standing.inactiveUntil());
        if (unrenewed || heldTooLong) {
            apply(new EndorsementLapsed(standing.endorsementNumber(), standing.tenantId(), command.today()));
        }
    }

    @CommandHandler
    void handle(RevokeEndorsement command) {
        if (standing.status() == EndorsementStatus.REVOKED) {
            throw new DomainRuleViolation("endorsement-revoked", standing.endorsementNumber() + " is already revoked");
        }
        apply(new EndorsementRevoked(standing.endorsementNumber(), standing.tenantId(), command.reason(),
                command.today()));
    }

    @CommandHandler
    void handle(InactivateEndorsement command) {
        standing.requireActive("inactive-needs-active-endorsement");
        int maximum = command.policy().inactiveMaximumMonths();
        if (maximum == 0) {
            throw new DomainRuleViolation("inactive-not-offered",
                    "The association does not put endorsements on hold");
        }
        apply(new EndorsementInactivated(standing.endorsementNumber(), standing.tenantId(), command.today(),
                command.today().plusMonths(maximum)));
    }

    @CommandHandler
    void handle(ReactivateEndorsement command) {
        if (standing.status() != EndorsementStatus.INACTIVE) {
            throw new DomainRuleViolation("endorsement-not-inactive", standing.endorsementNumber() + " is not on hold");
        }
        // Time on hold does not count towards the cycle: an endorsement whose window passed meanwhile runs to the
        // close of the next window that has not passed yet.
        apply(new EndorsementReactivated(standing.endorsementNumber(), standing.tenantId(), command.today(),
                command.policy().validThroughOnReturn(standing.validThrough(), command.today())));
    }

    /**
     * An endorsement held by an email address (imported before its endorsee had an account) becomes the account's
     * whose token vouches for that address; claimed already by the same person, nothing changes.
     */
    @CommandHandler
    void handle(ClaimEndorsement command) {
        String number = standing.endorsementNumber();
        if (standing.personId().equals(command.personId())) {
            return;
        }
        if (command.verifiedEmail() == null || command.verifiedEmail().isBlank()) {
            throw new DomainRuleViolation(ClaimEndorsement.EMAIL_NOT_VERIFIED, "Your sign-in provider does not "
                    + "vouch for an email address: " + number + " is claimed with the verified address it "
                    + "was recorded for");
        }
        String email = command.verifiedEmail().strip().toLowerCase(Locale.ROOT);
        if (!standing.personId().equals(org.iecmh.endorsement.contracts.EndorsementImported.personOf(email))) {
            throw new DomainRuleViolation(ClaimEndorsement.NOT_YOUR_ENDORSEMENT,
                    number + " is not held by the address " + email);
        }
        apply(new EndorsementClaimed(number, standing.tenantId(), standing.personId(), command.personId(), email,
                command.claimedAt()));
    }

    @CommandHandler
    void handle(RecordEmailAddress command) {
        standing.requireNotRevoked();
        apply(new EmailAddressRecorded(standing.endorsementNumber(), standing.tenantId(), command.emailAddress()));
    }
}
