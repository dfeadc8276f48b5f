package org.iecmh.endorsement.kit.messaging;

import io.swagger.v3.oas.annotations.Operation;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For operators: the dead letters waiting for each of the service's consumer bindings, and their replay. */
@RestController
@RequestMapping("${iecmh.dead-letters.path}")
class DeadLetterResource {

    private static final String REFUSAL = "Only a platform admin replays dead letters";

    private final DeadLetters deadLetters;

    DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @GetMapping
    @Operation(summary = "Each consumer binding, its topic and dead-letter topic, and how many records wait there")
    List<DeadLetters.Waiting> waiting(Actor actor) {
        return deadLetters.waiting();
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @PostMapping("/{binding}/replays")
    @Operation(summary = "Sends every record waiting on the binding's dead-letter topic back to its topic, once the "
            + "cause of its failure is fixed; consumers that had handled a record drop it by its id")
    DeadLetters.Replayed replay(@PathVariable String binding, Actor actor) {
        return deadLetters.replay(deadLetters.binding(binding)
                .orElseThrow(() -> new UnknownResource("consumer binding", binding)));
    }
}
