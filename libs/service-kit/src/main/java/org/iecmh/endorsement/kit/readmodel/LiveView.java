package org.iecmh.endorsement.kit.readmodel;

import java.util.Optional;
import java.util.function.Function;

/**
 * How a service shows one aggregate of an audited kind to its users: the view its API answers, read from the read
 * model's tables. The audit API replays a stream into transaction-local copies of those tables and reads the view
 * back through {@link #find}, so a past state has exactly the live view's shape.
 */
public interface LiveView {

    /** The audited kind, as in {@code iecmh.audit.kinds} ({@code applications}). */
    String kind();

    /** The read model whose projections build the view. */
    ReadModel readModel();

    /** The view of the aggregate, from the read model's tables, with no tenant check (the caller checked it). */
    Optional<?> find(String aggregateId);

    /** The live view of {@code kind}: {@code readModel} builds it, {@code find} reads one aggregate's view. */
    static LiveView of(String kind, ReadModel readModel, Function<String, Optional<?>> find) {
        return new LiveView() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public ReadModel readModel() {
                return readModel;
            }

            @Override
            public Optional<?> find(String aggregateId) {
                return find.apply(aggregateId);
            }
        };
    }
}
