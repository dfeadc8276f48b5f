package org.iecmh.endorsement.renewal.claim;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every endorsement of the caller's association that is still held by the address their token vouches for (those the
 * association imported under it), claimed in one request: each is its own command, which the endorsement takes or
 * refuses as a claim of it alone. Asked again, there is nothing left to claim and nothing changes.
 */
@Component
class ClaimsByAddress {

    private final EndorsementFile views;
    private final CommandGateway commands;
    private final Clock clock;

    ClaimsByAddress(EndorsementFile views, CommandGateway commands, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.clock = clock;
    }

    /** The endorsements claimed now, oldest first; none when nothing waits for the caller's address. */
    List<EndorsementView> claimAll(Actor actor) {
        String email = actor.email().orElseThrow(() -> new DomainRuleViolation(ClaimEndorsement.EMAIL_NOT_VERIFIED,
                "Your sign-in provider does not vouch for an email address: an endorsement the association imported "
                        + "is claimed with the verified address it was recorded for"));
        List<EndorsementView> claimed = new ArrayList<>();
        for (EndorsementView waiting : views.claimableBy(actor.tenantId(), email)) {
            commands.sendAndWait(new ClaimEndorsement(waiting.endorsementNumber(), actor.subject(), email,
                    clock.instant()), actor.metaData());
            claimed.add(views.require(waiting.endorsementNumber(), actor));
        }
        return claimed;
    }
}
