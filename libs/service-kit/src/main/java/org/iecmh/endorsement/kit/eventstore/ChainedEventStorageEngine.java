package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.kit.audit.StoredEvent;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Axon's JDBC engine, storing each event with the hash that links it into its aggregate's chain in the same INSERT,
 * on the connection of the command's transaction: an event is never stored without its link, and storing never
 * takes a second connection. An aggregate's events are read back as Axon reads them, their timestamps by
 * {@link StoredTimestamp}. Readers of the whole store read its head at a pace (see {@link HeadPacing}).
 */
class ChainedEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final EventChain chain;
    private final HeadPacing headPacing;

    ChainedEventStorageEngine(Builder builder, TransactionManager transactionManager, EventChain chain,
                              HeadPacing headPacing) {
        super(builder);
        this.transactionManager = transactionManager;
        this.chain = chain;
        this.headPacing = headPacing;
    }

    /** As Axon's own, paced at the head of the store (see {@link HeadPacing}). */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long wait = headPacing.waitBeforeReading();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                // Read now; whoever interrupted the reader finds the flag set.
                Thread.currentThread().interrupt();
            }
        }
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        headPacing.read(events.size(), batchSize);
        return events;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<StoredEvent> rows = events.stream().map(event -> asStored(event, serializer)).toList();
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                chain.append(connection, rows);
            } catch (RuntimeException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /** As Axon's own, with a timestamp read by {@link StoredTimestamp} rather than Axon's general ISO parser. */
    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        EventSchema schema = schema();
        return new StoredDomainEvent<>(resultSet.getString(schema.typeColumn()),
                resultSet.getString(schema.aggregateIdentifierColumn()),
                resultSet.getLong(schema.sequenceNumberColumn()), resultSet.getString(schema.eventIdentifierColumn()),
                readTimeStamp(resultSet, schema.timestampColumn()).toString(),
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
    }

    /** The row an event is stored as, with the exact bytes and timestamp text Axon's own statement would write. */
    private static StoredEvent asStored(EventMessage<?> message, Serializer serializer) {
        String aggregateId = message.getIdentifier();
        String aggregateType = null;
        long sequenceNumber = 0;
        if (message instanceof DomainEventMessage<?> event) {
            aggregateId = event.getAggregateIdentifier();
            aggregateType = event.getType();
            sequenceNumber = event.getSequenceNumber();
        }
        SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = message.serializeMetaData(serializer, byte[].class);
        return new StoredEvent(0, aggregateId, aggregateType, sequenceNumber, message.getIdentifier(),
                payload.getType().getName(), payload.getType().getRevision(),
                DateTimeUtils.formatInstant(message.getTimestamp()), payload.getData(), metaData.getData(), null);
    }
}
