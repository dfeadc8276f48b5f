package org.iecmh.endorsement.kit.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import org.iecmh.endorsement.kit.time.IsoText;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Days and instants in the events the platform stores and publishes, read by {@link IsoText} in the one form they are
 * written in ({@code 2026-12-02}, {@code 2026-12-02T21:30:00.123Z}); any other token or form goes to Jackson's own
 * Java time deserializers, which answer as they always did. Registered after Jackson's {@code JavaTimeModule}, whose
 * deserializers these take the place of.
 */
final class IsoDatesModule extends SimpleModule {

    IsoDatesModule() {
        super("iecmh-iso-dates");
        addDeserializer(LocalDate.class, new Iso<>(LocalDate.class, IsoText::localDate, LocalDateDeserializer.INSTANCE));
        addDeserializer(Instant.class, new Iso<>(Instant.class, IsoText::utcInstant, InstantDeserializer.INSTANT));
    }

    /** Reads a string in the one form by {@code read}; any other token or form by {@code otherwise}. */
    private static final class Iso<T> extends StdScalarDeserializer<T> {

        private final transient Function<String, T> read;
        private final JsonDeserializer<T> otherwise;

        Iso(Class<T> type, Function<String, T> read, JsonDeserializer<T> otherwise) {
            super(type);
            this.read = read;
            this.otherwise = otherwise;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                T value = read.apply(parser.getText());
                if (value != null) {
                    return value;
                }
            }
            return otherwise.deserialize(parser, context);
        }
    }
}
