package org.iecmh.endorsement.renewal.endorsement;

import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;

/** What an aggregate fixture expects of a refused command: the domain rule it broke, by its code. */
final class BrokenRule {

    private BrokenRule() {
    }

    static Matcher<Throwable> breaks(String rule) {
        return Matchers.allOf(Matchers.instanceOf(DomainRuleViolation.class),
                new FeatureMatcher<Throwable, String>(Matchers.equalTo(rule), "rule", "rule") {
                    @Override
                    protected String featureValueOf(Throwable actual) {
                        return ((DomainRuleViolation) actual).rule();
                    }
                });
    }
}
