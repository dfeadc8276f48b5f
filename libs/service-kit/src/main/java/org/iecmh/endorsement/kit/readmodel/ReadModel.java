package org.iecmh.endorsement.kit.readmodel;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A read model kept by event handlers ({@code projections}) in tables of its own. A service declares each as a bean;
 * the kit rebuilds it from the event store and replays one aggregate's stream through it to show that aggregate's
 * state at a point in time. {@code tables} are listed in an order TRUNCATE accepts together. {@code trackingProcessor}
 * names the tracking processor that keeps it, or is null when a subscribing processor does (in the transaction that
 * stores the events).
 */
public record ReadModel(String name, List<String> tables, List<Object> projections, String trackingProcessor) {

    /** A read model kept by a subscribing processor. */
    public ReadModel(String name, List<String> tables, List<Object> projections) {
        this(name, tables, projections, null);
    }

    /** A read model kept by the tracking processor {@code processor}. */
    public static ReadModel tracking(String name, String processor, List<String> tables, List<Object> projections) {
        return new ReadModel(name, tables, projections, processor);
    }

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    public ReadModel {
        tables = List.copyOf(tables);
        projections = List.copyOf(projections);
        tables.forEach(table -> {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("Not a table name: " + table);
            }
        });
    }
}
