package org.iecmh.endorsement.kit.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A replay's payloads are read ahead on a thread of their own: those the projections take, and no others. */
class PayloadsAheadTest {

    record Granted(String number) {
    }

    record Unrelated(String why) {
    }

    static final class Listing {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Granted granted) {
            seen.add(granted.number());
        }
    }

    /** Which thread read each payload, by its text; {@code gate} holds every reading back until it opens. */
    private static final class Reading {
        final Map<String, String> readers = new ConcurrentHashMap<>();
        final CountDownLatch gate = new CountDownLatch(1);
        final Serializer json = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

        EventMessage<?> event(Object payload) {
            SerializedObject<byte[]> serialized = json.serialize(payload, byte[].class);
            String text = new String(serialized.getData(), StandardCharsets.UTF_8);
            Serializer watched = new Serializer() {
                @Override
                public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
                    return json.serialize(object, expectedRepresentation);
                }

                @Override
                public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
                    return json.canSerializeTo(expectedRepresentation);
                }

                @Override
                public <S, T> T deserialize(SerializedObject<S> serializedObject) {
                    try {
                        gate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    readers.putIfAbsent(text, Thread.currentThread().getName());
                    return json.deserialize(serializedObject);
                }

                @Override
                public Class classForType(SerializedType type) {
                    return json.classForType(type);
                }

                @Override
                public SerializedType typeForClass(Class type) {
                    return json.typeForClass(type);
                }

                @Override
                public Converter getConverter() {
                    return json.getConverter();
                }
            };
            return new GenericEventMessage<>(new SerializedMessage<>(UUID.randomUUID().toString(),
                    new LazyDeserializingObject<>(serialized, watched),
                    new LazyDeserializingObject<>(MetaData.emptyInstance())), Instant::now);
        }
    }

    @Test
    void thePayloadsTheProjectionsTakeAreReadOnAThreadOfItsOwnTheOthersNever() {
        Reading reading = new Reading();
        Listing listing = new Listing();
        ProjectionHandlers handlers = new ProjectionHandlers(List.of(listing));
        List<EventMessage<?>> events = List.of(reading.event(new Granted("MA-1")), reading.event(new Unrelated("x")),
                reading.event(new Granted("MA-2")));

        try (PayloadsAhead ahead = PayloadsAhead.read(events, handlers)) {
            reading.gate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> reading.readers.size() == 2);
            for (EventMessage<?> event : events) {
                handlers.handle(event);
            }
        }

        assertThat(reading.readers).containsOnlyKeys("{\"number\":\"MA-1\"}", "{\"number\":\"MA-2\"}");
        assertThat(reading.readers.values()).allMatch(thread -> thread.startsWith("replay-payloads-"));
        assertThat(listing.seen).containsExactly("MA-1", "MA-2");
    }

    @Test
    void aClosedReadingStopsAndTheReplayReadsWhatIsLeftItself() {
        Reading reading = new Reading();
        ProjectionHandlers handlers = new ProjectionHandlers(List.of(new Listing()));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(reading.event(new Granted("MA-" + i)));
        }

        PayloadsAhead ahead = PayloadsAhead.read(events, handlers);
        ahead.close();
        reading.gate.countDown();
        for (EventMessage<?> event : events) {
            handlers.handle(event);
        }

        // The reader was held at its first payload when it was closed: at most that one is its.
        assertThat(reading.readers.values().stream().filter(thread -> thread.startsWith("replay-payloads-")).count())
                .isLessThanOrEqualTo(1);
        assertThat(reading.readers).hasSize(50);
    }
}
