package org.iecmh.endorsement.renewal.standing;

import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementStatus;

import java.time.LocalDate;

/**
 * Where an endorsement stands, as each of its parts needs to know before it decides: whose it is, in which
 * association, its status (and until when it is on hold), the cycle it is in (its valid-through) and whether that
 * cycle's renewal waits for the coordinator. {@link EndorsementPart} keeps it from the events; the transitions are
 * written here once.
 */
public final class Standing {

    private String endorsementNumber;
    private String tenantId;
    private String personId;
    private String category;
    private LocalDate endorsedSince;
    private EndorsementStatus status;
    private LocalDate validThrough;
    private LocalDate lapsedOn;
    /** The last day on hold, while it is. */
    private LocalDate inactiveUntil;
    private boolean renewalSubmitted;

    void activated(String number, String tenant, String person, String category, LocalDate endorsedSince,
                   LocalDate validThrough) {
        this.endorsementNumber = number;
        this.tenantId = tenant;
        this.personId = person;
        this.category = category;
        this.endorsedSince = endorsedSince;
        this.validThrough = validThrough;
        this.status = EndorsementStatus.ACTIVE;
    }

    void claimedBy(String person) {
        personId = person;
    }

    void lapsed(LocalDate on) {
        status = EndorsementStatus.LAPSED;
        lapsedOn = on;
        renewalSubmitted = false;
    }

    void revoked() {
        status = EndorsementStatus.REVOKED;
        renewalSubmitted = false;
    }

    void inactivated(LocalDate until) {
        status = EndorsementStatus.INACTIVE;
        inactiveUntil = until;
    }

    /** Whether a new cycle begins. */
    boolean reactivated(LocalDate through) {
        status = EndorsementStatus.ACTIVE;
        inactiveUntil = null;
        return validThrough(through);
    }

    /** Whether a new cycle begins. */
    boolean renewed(LocalDate through) {
        return validThrough(through);
    }

    /** Whether a new cycle begins. */
    boolean transferred(String toTenant, LocalDate through) {
        tenantId = toTenant;
        return validThrough(through);
    }

    void submitted() {
        renewalSubmitted = true;
    }

    void returned() {
        renewalSubmitted = false;
    }

    /** A new valid-through starts a new cycle: its window, reminders and renewal are still to come. */
    private boolean validThrough(LocalDate through) {
        boolean newCycle = !through.equals(validThrough);
        validThrough = through;
        renewalSubmitted = false;
        return newCycle;
    }

    public void requireActive(String rule) {
        if (status != EndorsementStatus.ACTIVE) {
            throw new DomainRuleViolation(rule, endorsementNumber + " is " + status.name().toLowerCase());
        }
    }

    public void requireNotRevoked() {
        if (status == EndorsementStatus.REVOKED) {
            throw new DomainRuleViolation("endorsement-revoked", endorsementNumber + " is revoked");
        }
    }

    public String endorsementNumber() {
        return endorsementNumber;
    }

    public String tenantId() {
        return tenantId;
    }

    public String personId() {
        return personId;
    }

    public String category() {
        return category;
    }

    public LocalDate endorsedSince() {
        return endorsedSince;
    }

    public EndorsementStatus status() {
        return status;
    }

    public LocalDate validThrough() {
        return validThrough;
    }

    public LocalDate lapsedOn() {
        return lapsedOn;
    }

    public LocalDate inactiveUntil() {
        return inactiveUntil;
    }

    public boolean renewalSubmitted() {
        return renewalSubmitted;
    }
}
