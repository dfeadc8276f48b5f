package org.iecmh.endorsement.kit.web;

/**
 * A request that is well formed but breaks a rule of the domain (an application already submitted, a payment for
 * an invoice already paid). Answered as an RFC 9457 problem with status 409 naming the rule.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String rule;

    public DomainRuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** A short, stable code for the rule, such as {@code application-already-submitted}. */
    public String rule() {
        return rule;
    }
}
