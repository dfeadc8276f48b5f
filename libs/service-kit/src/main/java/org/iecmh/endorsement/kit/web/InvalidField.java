package org.iecmh.endorsement.kit.web;

/**
 * A field whose value breaks a rule that only the handler can check (an answer to an item of a form that is
 * configuration): answered as 400 like a failed bean validation, {@code errors: [{field, rule, message}]}.
 */
public class InvalidField extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidField(String field, String rule, String message) {
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
