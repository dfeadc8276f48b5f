package org.iecmh.endorsement.kit.web;

/**
 * The record existed but can no longer be reached this way (a one-time link used, or expired). Answered as an
 * RFC 9457 problem with status 410 naming the rule, such as {@code reference-link-used}.
 */
public class ResourceGone extends RuntimeException {

    private final String rule;

    public ResourceGone(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
