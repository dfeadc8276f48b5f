package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.endorsees.Endorsees;
import org.iecmh.endorsement.application.ApplicationServiceApplication;
import org.iecmh.endorsement.application.policy.TenantPolicies;
import org.iecmh.endorsement.contracts.EndorsementClaimed;
import org.iecmh.endorsement.contracts.EndorsementInactivated;
import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.EndorsementReactivated;
import org.iecmh.endorsement.contracts.EndorsementRenewed;
import org.iecmh.endorsement.contracts.EndorsementRevoked;
import org.iecmh.endorsement.contracts.EndorsementTransferred;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Listens to renewal-service: whether an endorsement stands on a given day, so that reflective supervision counts
 * only from a provider endorsed on the session's date, and only endorsees whose endorsement stands review and score.
 * A change counts from the association's day it happened on. A transfer that keeps the number changes nothing here;
 * a renewal (a reinstatement among them) says the endorsement stands; a claim makes an imported endorsement its
 * endorsee's, by the subject they sign in with.
 */
@Configuration
class ProviderStanding {

    @Bean
    Consumer<Message<List<byte[]>>> endorsementEvents(Inbox inbox, Endorsees endorsees, TenantPolicies policies) {
        return batch -> inbox.receiveEach(ApplicationServiceApplication.NAME, batch, received -> {
            Object event = received.event();
            Function<Instant, LocalDate> day = at -> policies.knows(received.tenantId())
                    ? policies.day(received.tenantId(), at) : at.atZone(ZoneOffset.UTC).toLocalDate();
            if (event instanceof EndorsementLapsed lapsed) {
                endorsees.standingChanged(received.id(), lapsed.endorsementNumber(),
                        day.apply(lapsed.lapsedAt()), false);
            } else if (event instanceof EndorsementRevoked revoked) {
                endorsees.standingChanged(received.id(), revoked.endorsementNumber(),
                        day.apply(revoked.revokedAt()), false);
            } else if (event instanceof EndorsementInactivated inactive) {
                endorsees.standingChanged(received.id(), inactive.endorsementNumber(),
                        day.apply(inactive.inactivatedAt()), false);
            } else if (event instanceof EndorsementReactivated back) {
                endorsees.standingChanged(received.id(), back.endorsementNumber(),
                        day.apply(back.reactivatedAt()), true);
            } else if (event instanceof EndorsementRenewed renewed) {
                endorsees.standingChanged(received.id(), renewed.endorsementNumber(),
                        day.apply(renewed.renewedAt()), true);
            } else if (event instanceof EndorsementClaimed claimed) {
                endorsees.endorseeClaimed(claimed.tenantId(), claimed.endorsementNumber(), claimed.personId(),
                        claimed.claimedAt());
            } else if (event instanceof EndorsementTransferred moved && moved.newEndorsementNumber() != null) {
                // The old number ends. The new number is not known here as a provider's, so sessions under it do
                // not count until it is.
                endorsees.standingChanged(received.id(), moved.endorsementNumber(),
                        day.apply(moved.transferredAt()), false);
            }
        });
    }
}
