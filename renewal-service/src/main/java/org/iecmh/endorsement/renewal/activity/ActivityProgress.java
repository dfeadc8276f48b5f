package org.iecmh.endorsement.renewal.activity;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.policy.TenantPolicies;
import org.iecmh.endorsement.renewal.requirements.YearProgress;
import org.iecmh.endorsement.renewal.requirements.YearlyActivityLog;
import org.springframework.stereotype.Component;

import java.util.List;

/** Per year of an endorsement's current cycle, what is met and what is missing. */
@Component
class ActivityProgress {

    private final EventStore events;
    private final TenantPolicies policies;

    ActivityProgress(EventStore events, TenantPolicies policies) {
        this.events = events;
        this.policies = policies;
    }

    CycleProgress of(EndorsementView endorsement) {
        // Read from the endorsement's own stream (every event, not its snapshot), so the answer is the one the
        // renewal will be judged by.
        List<Object> payloads = events.readEvents(endorsement.endorsementNumber(), 0).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        YearlyActivityLog log = YearlyActivity.replay(payloads);
        List<YearProgress> years = log.progress(endorsement.endorsedSince(), endorsement.validThrough(),
                endorsement.category(), policies.policy(endorsement.tenantId(), endorsement.validThrough()));
        return new CycleProgress(endorsement.endorsementNumber(), endorsement.validThrough(),
                years.stream().allMatch(YearProgress::met), years, log.entries());
    }
}
