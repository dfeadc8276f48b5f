package org.iecmh.endorsement.kit.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.iecmh.endorsement.contracts.IntegrationEvent;
import org.iecmh.endorsement.contracts.IntegrationEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hands each integration event to a consumer once. The event's id is recorded in the same database transaction as
 * the consumer's effect (commands it sends through Axon join that transaction), so a redelivered message finds its
 * id and changes nothing, and a failed effect leaves no record, so the redelivery is handled. A message that keeps
 * failing is retried by the binder and then parked on the consumer group's dead-letter topic.
 * <p>
 * A consumer bound in batch mode hands {@link #receiveBatch} everything one poll returned: the ids of the whole batch
 * are recorded with one statement and the handler gets the new events, in order, in that same transaction. If that
 * transaction fails, the records are handled one by one instead, so that the good ones are not held back by a bad
 * one; a record that fails on its own is reported by its index ({@link BatchListenerFailedException}), and the
 * container's error handler (see {@link BatchDeadLetters}) retries it and then parks it on the dead-letter topic.
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

    /**
     * Decodes every record of {@code batch} and, in one transaction, records the ids {@code consumer} has not handled
     * before and hands their events to {@code handler}, in the order received (an id twice in the batch counts
     * once). If that fails, handles the records one by one, each in its own transaction; the first that fails on its
     * own is thrown as a {@link BatchListenerFailedException} with its index, the records before it being done.
     * Returns how many events the handler was given.
     */
    public int receiveBatch(String consumer, Message<List<byte[]>> batch, Consumer<List<ReceivedEvent>> handler) {
        List<Message<byte[]>> records = records(batch);
        if (records.isEmpty()) {
            return 0;
        }
        try {
            List<ReceivedEvent> received = records.stream().map(this::decode).toList();
            Integer handled = transaction.execute(status -> recordAndHandle(consumer, received, handler));
            return handled == null ? 0 : handled;
        } catch (RuntimeException batchFailed) {
            log.warn("{} could not handle a batch of {} records at once ({}); handling them one by one",
                    consumer, records.size(), batchFailed.toString());
        }
        int handled = 0;
        for (int index = 0; index < records.size(); index++) {
            try {
                if (receive(consumer, records.get(index), event -> handler.accept(List.of(event)))) {
                    handled++;
                }
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(consumer + " failed on record " + index + " of a batch of "
                        + records.size(), e, index);
            }
        }
        return handled;
    }

    /**
     * {@link #receiveBatch} for a consumer that handles one event at a time: {@code handler} is given each new event of
     * the batch in turn, all in the batch's one transaction (commands it sends through Axon join it).
     */
    public int receiveEach(String consumer, Message<List<byte[]>> batch, Consumer<ReceivedEvent> handler) {
        return receiveBatch(consumer, batch, events -> events.forEach(handler));
    }

    private int recordAndHandle(String consumer, List<ReceivedEvent> received, Consumer<List<ReceivedEvent>> handler) {
        Map<String, ReceivedEvent> firstById = new LinkedHashMap<>();
        received.forEach(event -> firstById.putIfAbsent(event.id(), event));
        List<ReceivedEvent> distinct = List.copyOf(firstById.values());
        Set<String> recorded = new HashSet<>(jdbc.queryForList("""
                INSERT INTO inbox (consumer, event_id, event_type, tenant_id, received_at)
                SELECT ?, event_id, event_type, tenant_id, ?
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS received(event_id, event_type, tenant_id)
                ON CONFLICT DO NOTHING RETURNING event_id""", String.class,
                consumer, Timestamp.from(clock.instant()),
                distinct.stream().map(ReceivedEvent::id).toArray(String[]::new),
                distinct.stream().map(ReceivedEvent::type).toArray(String[]::new),
                distinct.stream().map(ReceivedEvent::tenantId).toArray(String[]::new)));
        List<ReceivedEvent> fresh = distinct.stream().filter(event -> recorded.contains(event.id())).toList();
        if (fresh.size() < received.size()) {
            log.info("{} already handled {} of a batch of {}; ignoring those", consumer,
                    received.size() - fresh.size(), received.size());
        }
        if (!fresh.isEmpty()) {
            handler.accept(fresh);
        }
        return fresh.size();
    }

    /**
     * The records of a batch as single messages: each payload with its own headers, which the binder hands over as
     * one list of header maps (or of raw Kafka headers) beside the list of payloads.
     */
    static List<Message<byte[]>> records(Message<List<byte[]>> batch) {
        List<byte[]> payloads = batch.getPayload();
        List<Map<String, Object>> headers = new ArrayList<>(payloads.size());
        if (batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS) instanceof List<?> converted) {
            converted.forEach(map -> headers.add(asMap(map)));
        } else if (batch.getHeaders().get(KafkaHeaders.NATIVE_HEADERS) instanceof List<?> natives) {
            for (Object raw : natives) {
                Map<String, Object> map = new HashMap<>();
                if (raw instanceof Headers kafkaHeaders) {
                    for (Header header : kafkaHeaders) {
                        map.put(header.key(), header.value());
                    }
                }
                headers.add(map);
            }
        }
        if (headers.size() != payloads.size()) {
            throw new IllegalArgumentException("A batch of " + payloads.size() + " records came with headers for "
                    + headers.size());
        }
        List<Message<byte[]>> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            records.add(MessageBuilder.createMessage(payloads.get(i),
                    new MessageHeaders(headers.get(i))));
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object headers) {
        return headers instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
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
