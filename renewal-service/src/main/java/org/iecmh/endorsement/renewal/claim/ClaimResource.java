package org.iecmh.endorsement.renewal.claim;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * An endorsee's own endorsements, and the claim that makes an imported one theirs: the aggregate compares the
 * address the token vouches for with the person who holds it.
 */
@RestController
class ClaimResource {

    private static final String ENDORSEE_ONLY = "Only an endorsee claims an endorsement";

    private final EndorsementFile views;
    private final CommandGateway commands;
    private final ClaimsByAddress claims;
    private final Clock clock;

    ClaimResource(EndorsementFile views, CommandGateway commands, ClaimsByAddress claims, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.claims = claims;
        this.clock = clock;
    }

    @PostMapping("/api/endorsements/{endorsementNumber}/claim")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    @Operation(summary = "Take an endorsement held by your verified email address (one the association imported)")
    EndorsementView claim(@PathVariable String endorsementNumber, Actor actor) {
        views.find(endorsementNumber).orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
        commands.sendAndWait(new ClaimEndorsement(endorsementNumber, actor.subject(), actor.email().orElse(null),
                clock.instant()), actor.metaData());
        return views.require(endorsementNumber, actor);
    }

    @PostMapping("/api/endorsements/claims")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = ENDORSEE_ONLY)
    @Operation(summary = "Take every endorsement of your association held by your verified email address")
    Claimed claimAll(Actor actor) {
        return new Claimed(claims.claimAll(actor));
    }

    @GetMapping("/api/endorsements/mine")
    @AllowedRoles(value = {Role.APPLICANT, Role.ENDORSEE}, refusal = "Only an endorsee has endorsements of their own")
    @Operation(summary = "Your endorsements, wherever they are now, and those your verified email address may claim")
    Mine mine(Actor actor) {
        return new Mine(views.heldBy(actor.subject()),
                actor.email().map(email -> views.claimableBy(actor.tenantId(), email)).orElse(List.of()),
                actor.email().orElse(null));
    }

    /**
     * What the endorsee holds, and the endorsements of their association held by their verified address
     * ({@code verifiedEmail}: the address their token vouches for, null when it vouches for none).
     */
    record Mine(List<EndorsementView> endorsements, List<EndorsementView> claimable, String verifiedEmail) {
    }

    /** The endorsements a request claimed, oldest first: none when nothing was waiting. */
    record Claimed(List<EndorsementView> claimed) {
    }
}
