package org.iecmh.endorsement.contracts.association;

import java.util.List;

/** An association record that breaks rules; every violation is listed, the first one in the message. */
public class InvalidAssociation extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidAssociation(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid association" : violations.get(0).field() + ": "
                + violations.get(0).message() + (violations.size() > 1 ? " (and " + (violations.size() - 1)
                + " more)" : ""));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
