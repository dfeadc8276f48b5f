package org.iecmh.endorsement.renewal.schedule;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.AssociationChangeListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Objects;

/**
 * A renewal version added to an association's record after its endorsements were planned re-plans their steps still
 * ahead, in the transaction that keeps the record; any other change of the record leaves them as they are.
 */
@Component
class RenewalReplanning implements AssociationChangeListener {

    private final ScheduledSteps steps;
    private final Clock clock;

    RenewalReplanning(ScheduledSteps steps, Clock clock) {
        this.steps = steps;
        this.clock = clock;
    }

    @Override
    public void changed(Association before, Association after) {
        if (before != null && !Objects.equals(before.renewal(), after.renewal())) {
            steps.replan(after, after.today(clock));
        }
    }
}
