package org.iecmh.endorsement.kit.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import org.iecmh.endorsement.kit.time.IsoText;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Days and instants in the events the platform stores and publishes, read by {@link IsoText} in the one form they are
 * written in ({@code 2026-12-02}, {@code 2026-12-02T21:30:00.123Z}); any other token or form goes to Jackson's own
 * Java time deserializers, which answer as they always did. Registered after Jackson's {@code JavaTimeModule}, whose
 * deserializers these take the place of.
 */
final class IsoDatesModule extends SimpleModule {

    IsoDatesModule() {
        super("iecmh-iso-dates");
        addDeserializer(LocalDate.class, new Day());
        addDeserializer(Instant.class, new Moment());
    }

    private static final class Day extends StdScalarDeserializer<LocalDate> {

        Day() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                LocalDate read = IsoText.localDate(parser.getText());
                if (read != null) {
                    return read;
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(parser, context);
        }
    }

    private static final class Moment extends StdScalarDeserializer<Instant> {

        Moment() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant read = IsoText.utcInstant(parser.getText());
                if (read != null) {
                    return read;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
