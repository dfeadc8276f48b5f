package org.iecmh.endorsement.kit.audit;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Only a service that names its audited aggregate kinds ({@code iecmh.audit.kinds}) serves the audit API. */
class AuditKindsConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean configured = Binder.get(context.getEnvironment())
                .bind("iecmh.audit.kinds", Bindable.mapOf(String.class, String.class))
                .map(kinds -> !kinds.isEmpty()).orElse(false);
        return configured ? ConditionOutcome.match("iecmh.audit.kinds is set")
                : ConditionOutcome.noMatch("no iecmh.audit.kinds");
    }
}
