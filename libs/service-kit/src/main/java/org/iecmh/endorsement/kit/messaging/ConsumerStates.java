package org.iecmh.endorsement.kit.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import java.util.List;

/**
 * Holds a consumer binding and lets it go on. A paused binding stays in its consumer group with its partitions and
 * its committed offsets, and fetches nothing until it is resumed; what arrives meanwhile waits on the topic, and is
 * taken from where the binding stopped. Operators pause a consumer while they mend what it writes to; the benchmark
 * pauses one to time how fast it works through a backlog.
 */
public class ConsumerStates {

    private static final Logger log = LoggerFactory.getLogger(ConsumerStates.class);

    /** What a consumer binding does: takes records, or holds them back. */
    public enum State {
        RUNNING, PAUSED
    }

    /** A binding and its state; {@code PAUSED} once it fetches nothing more, not only once asked to pause. */
    public record Consumer(String binding, State state) {
    }

    private final BindingsLifecycleController lifecycle;

    public ConsumerStates(BindingsLifecycleController lifecycle) {
        this.lifecycle = lifecycle;
    }

    public Consumer state(String binding) {
        List<Binding<?>> bound = lifecycle.queryState(binding);
        boolean paused = !bound.isEmpty() && bound.stream().allMatch(Binding::isPaused);
        return new Consumer(binding, paused ? State.PAUSED : State.RUNNING);
    }

    /** Pauses or resumes the binding; answers its state, which a pause reaches once the poll under way ends. */
    public Consumer change(String binding, State state) {
        lifecycle.changeState(binding, state == State.PAUSED
                ? BindingsLifecycleController.State.PAUSED : BindingsLifecycleController.State.RESUMED);
        log.info("Consumer binding {} asked to be {}", binding, state);
        return state(binding);
    }
}
