package org.iecmh.endorsement.kit.web;

/**
 * Input that no annotation can judge alone (one of two parameters required, a range the wrong way round, an answer
 * to an item of a form that is configuration): answered like any invalid input, a 400 problem naming the field and
 * the rule, {@code errors: [{field, rule, message}]}.
 */
public class InvalidRequest extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidRequest(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
