package org.iecmh.endorsement.kit.audit;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.iecmh.endorsement.kit.readmodel.HeldBackWrites;
import org.iecmh.endorsement.kit.readmodel.LiveView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;

/**
 * An aggregate's state as it was after some of its events, rebuilt from its stream alone, never from the live read
 * model. In one transaction that is always rolled back, the read model's tables are shadowed by empty temporary
 * tables of the same shape (PostgreSQL looks up {@code pg_temp} first), the stream's events up to the point are
 * handed to the read model's own event handlers, and the view is read back by the same code that serves the live
 * one: so the past state has the live view's shape without a second rendering of it to keep in step. The handlers'
 * updates reach the server in batches ({@link HeldBackWrites}), so a long stream replays at the pace of its
 * reading rather than one round trip per event.
 */
public class PointInTime {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public PointInTime(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The view after {@code events} (one aggregate's, oldest first), or nothing if they make none. */
    public Optional<?> replay(LiveView view, String aggregateId, List<? extends DomainEventMessage<?>> events) {
        return transaction.execute(status -> {
            status.setRollbackOnly();
            for (String table : view.readModel().tables()) {
                jdbc.execute("CREATE TEMPORARY TABLE " + table + " (LIKE " + table + " INCLUDING ALL)"
                        + " ON COMMIT DROP");
            }
            List<AnnotationEventHandlerAdapter> handlers = view.readModel().projections().stream()
                    .map(AnnotationEventHandlerAdapter::new).toList();
            try (HeldBackWrites writes = HeldBackWrites.inThisTransaction(jdbc.getDataSource())) {
                for (DomainEventMessage<?> event : events) {
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(event)) {
                            DefaultUnitOfWork.startAndGet(event).execute(() -> handle(handler, event));
                        }
                    }
                }
            }
            return view.find(aggregateId);
        });
    }

    private static void handle(AnnotationEventHandlerAdapter handler, DomainEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("Replaying " + event.getIdentifier() + " failed", e);
        }
    }
}
