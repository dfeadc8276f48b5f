package org.iecmh.endorsement.kit.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands each integration event to a consumer once. The event's id is recorded in the same database transaction as
 * the consumer's effect (commands it sends through Axon join that transaction), so a redelivered message finds its
 * id and changes nothing, and a failed effect leaves no record, so the redelivery is handled. A message that keeps
 * failing is retried by the binder and then parked on the consumer group's dead-letter topic.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    public Inbox(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Decodes {@code message} and, unless {@code consumer} has handled its id before, runs {@code handler} in the
     * transaction that records it. Returns whether the handler ran.
     */
    public boolean receive(String consumer, Message<byte[]> message, Consumer<ReceivedEvent> handler) {
        ReceivedEvent received = decode(message);
        Boolean handled = transaction.execute(status -> {
            int recorded = jdbc.update("""
                    INSERT INTO inbox (consumer, event_id, event_type, tenant_id, received_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    consumer, received.id(), received.type(), received.tenantId(), Timestamp.from(clock.instant()));
            if (recorded == 0) {
                return false;
            }
            handler.accept(received);
            return true;
        });
        if (!Boolean.TRUE.equals(handled)) {
            log.info("{} already handled {} {}; ignoring the redelivery", consumer, received.type(), received.id());
            return false;
        }
        return true;
    }

    /** Whether {@code consumer} has handled the event with this id. */
    public boolean hasHandled(String consumer, String eventId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM inbox WHERE consumer = ? AND event_id = ?",
                Integer.class, consumer, eventId);
        return count != null && count > 0;
    }

    ReceivedEvent decode(Message<byte[]> message) {
        String id = required(message, CloudEventHeaders.ID);
        String type = required(message, CloudEventHeaders.TYPE);
        String tenant = required(message, CloudEventHeaders.TENANT);
        String source = CloudEventHeaders.text(message.getHeaders(), CloudEventHeaders.SOURCE);
        String correlation = Objects.requireNonNullElse(
                CloudEventHeaders.text(message.getHeaders(), CloudEventHeaders.CORRELATION), id);
        IntegrationEvent event = read(IntegrationEventType.ofType(type), message.getPayload());
        if (!tenant.equals(event.tenantId())) {
            throw new IllegalArgumentException(
                    "Event " + id + " is headed for tenant " + tenant + " but its data names " + event.tenantId());
        }
        return new ReceivedEvent(id, type, source, correlation, event);
    }

    private IntegrationEvent read(IntegrationEventType<?> type, byte[] payload) {
        try {
            return json.readValue(payload, type.payloadType());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.type(), e);
        }
    }

    private static String required(Message<?> message, String header) {
        String value = CloudEventHeaders.text(message.getHeaders(), header);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Integration event without the " + header + " header; it has "
                    + message.getHeaders().keySet());
        }
        return value;
    }
}
