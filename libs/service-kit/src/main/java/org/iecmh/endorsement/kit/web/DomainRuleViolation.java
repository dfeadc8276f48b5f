package org.iecmh.endorsement.kit.web;

import java.util.Map;

/**
 * A request that is well formed but breaks a rule of the domain (an application already submitted, a payment for
 * an invoice already paid). Answered as an RFC 9457 problem with status 409 naming the rule.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String rule;
    private final Map<String, Object> details;

    public DomainRuleViolation(String rule, String message) {
        this(rule, message, Map.of());
    }

    /** With details the caller needs to put things right, such as the list of unmet requirements. */
    public DomainRuleViolation(String rule, String message, Map<String, Object> details) {
        super(message);
        this.rule = rule;
        this.details = Map.copyOf(details);
    }

    /** Extra members of the problem document. */
    public Map<String, Object> details() {
        return details;
    }

    /** A short, stable code for the rule, such as {@code application-already-submitted}. */
    public String rule() {
        return rule;
    }
}
