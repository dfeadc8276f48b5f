package org.iecmh.endorsement.kit.messaging;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * For operators: the service's consumer bindings, the dead letters waiting for each and their replay, and whether
 * each takes records or holds them back.
 */
@RestController
@RequestMapping("${iecmh.dead-letters.path}")
class DeadLetterResource {

    private static final String REFUSAL = "Only a platform admin replays dead letters";
    private static final String STATE_REFUSAL = "Only a platform admin pauses or resumes a consumer";

    private final DeadLetters deadLetters;
    private final ConsumerStates states;

    DeadLetterResource(DeadLetters deadLetters, ConsumerStates states) {
        this.deadLetters = deadLetters;
        this.states = states;
    }

    /** A consumer's new state. */
    record StateChange(@NotNull ConsumerStates.State state) {
    }

    /** A consumer binding as its dead letters are counted, and whether it takes records. */
    record Binding(@JsonUnwrapped DeadLetters.Waiting deadLetters, ConsumerStates.State state) {
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @GetMapping
    @Operation(summary = "Each consumer binding, its topic and dead-letter topic, how many records wait there, and "
            + "whether it takes records (RUNNING) or holds them back (PAUSED)")
    List<Binding> waiting(Actor actor) {
        return deadLetters.waiting().stream()
                .map(waiting -> new Binding(waiting, states.state(waiting.binding()).state())).toList();
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @PostMapping("/{binding}/replays")
    @Operation(summary = "Sends every record waiting on the binding's dead-letter topic back to its topic, once the "
            + "cause of its failure is fixed; consumers that had handled a record drop it by its id")
    DeadLetters.Replayed replay(@PathVariable String binding, Actor actor) {
        return deadLetters.replay(known(binding));
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = STATE_REFUSAL)
    @GetMapping("/{binding}/state")
    @Operation(summary = "Whether the consumer binding takes records (RUNNING) or holds them back (PAUSED)")
    ConsumerStates.Consumer state(@PathVariable String binding, Actor actor) {
        return states.state(known(binding).name());
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = STATE_REFUSAL)
    @PutMapping("/{binding}/state")
    @Operation(summary = "Pauses the consumer binding (it keeps its partitions and offsets and fetches nothing; what "
            + "arrives waits on the topic) or lets it go on from where it stopped")
    ConsumerStates.Consumer changeState(@PathVariable String binding, @RequestBody @Valid StateChange change,
                                        Actor actor) {
        return states.change(known(binding).name(), change.state());
    }

    private DeadLetters.Binding known(String binding) {
        return deadLetters.binding(binding).orElseThrow(() -> new UnknownResource("consumer binding", binding));
    }
}
