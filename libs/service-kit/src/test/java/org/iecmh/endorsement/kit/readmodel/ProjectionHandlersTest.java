package org.iecmh.endorsement.kit.readmodel;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replay hands each event to the projections that take its type, in the read model's order, and to no other. */
class ProjectionHandlersTest {

    record Granted(String number) {
    }

    record Lapsed(String number) {
    }

    record Unrelated(String why) {
    }

    static final class Listing {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Granted granted) {
            seen.add("listed " + granted.number());
        }

        @EventHandler
        void on(Lapsed lapsed) {
            seen.add("lapsed " + lapsed.number());
        }
    }

    static final class Counting {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Granted granted) {
            seen.add("counted " + granted.number());
        }
    }

    static final class Failing {
        @EventHandler
        void on(Lapsed lapsed) {
            throw new IllegalArgumentException("no such endorsement " + lapsed.number());
        }
    }

    @Test
    void eachEventGoesToTheProjectionsThatTakeItsTypeAndOnlyThose() {
        Listing listing = new Listing();
        Counting counting = new Counting();
        ProjectionHandlers handlers = new ProjectionHandlers(List.of(listing, counting));

        for (Object payload : List.of(new Granted("MA-1"), new Unrelated("x"), new Lapsed("MA-1"), new Granted("MA-2"))) {
            // As the replays hand them: no unit of work around each.
            handlers.handle(GenericEventMessage.asEventMessage(payload));
        }

        assertThat(listing.seen).containsExactly("listed MA-1", "lapsed MA-1", "listed MA-2");
        assertThat(counting.seen).containsExactly("counted MA-1", "counted MA-2");
        assertThat(handlers.of(GenericEventMessage.asEventMessage(new Unrelated("y")))).isEmpty();
        assertThat(handlers.of(GenericEventMessage.asEventMessage(new Granted("MA-3")))).hasSize(2);
    }

    @Test
    void aHandlerThatFailsNamesTheEvent() {
        ProjectionHandlers handlers = new ProjectionHandlers(List.of(new Failing()));
        var event = GenericEventMessage.asEventMessage(new Lapsed("MA-9"));

        assertThatThrownBy(() -> handlers.handle(event)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(event.getIdentifier()).hasRootCauseMessage("no such endorsement MA-9");
    }
}
