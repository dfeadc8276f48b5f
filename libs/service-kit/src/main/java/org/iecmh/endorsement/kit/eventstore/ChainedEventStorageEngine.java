package org.iecmh.endorsement.kit.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.iecmh.endorsement.kit.audit.EventChain;

import java.util.List;

/** Axon's JDBC engine, which links the events it stores into their aggregates' hash chains in the same transaction. */
class ChainedEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final EventChain chain;

    ChainedEventStorageEngine(Builder builder, TransactionManager transactionManager, EventChain chain) {
        super(builder);
        this.transactionManager = transactionManager;
        this.chain = chain;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            chain.seal(events.stream().map(EventMessage::getIdentifier).toList());
        });
    }
}
