package org.iecmh.endorsement.contracts.association;

/**
 * One rule an association record breaks: the field (a path such as {@code fees[1].registration.3}), the rule's code
 * (such as {@code required} or {@code iana-time-zone}) and a sentence in English.
 */
public record Violation(String field, String rule, String message) {
}
