package org.iecmh.endorsement.kit.sample;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.iecmh.endorsement.kit.eventstore.AggregateStorage;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(snapshotTriggerDefinition = AggregateStorage.SNAPSHOTS, cache = AggregateStorage.CACHE)
public class SampleSubmission {

    public record Submit(@TargetAggregateIdentifier String id, String tenantId, String personId, String name,
                         String category) {
    }

    public record Submitted(String id, String tenantId, String personId, String name, String category) {
    }

    public record Rename(@TargetAggregateIdentifier String id, String name) {
    }

    public record Renamed(String id, String personId, String name) {
    }

    @AggregateIdentifier
    private String id;
    private String personId;
    private String name;
    private int renames;

    protected SampleSubmission() {
    }

    @CommandHandler
    public SampleSubmission(Submit command) {
        apply(new Submitted(command.id(), command.tenantId(), command.personId(), command.name(), command.category()));
    }

    @CommandHandler
    void handle(Rename command) {
        apply(new Renamed(id, personId, command.name()));
    }

    @EventSourcingHandler
    void on(Submitted event) {
        this.id = event.id();
        this.personId = event.personId();
        this.name = event.name();
    }

    @EventSourcingHandler
    void on(Renamed event) {
        this.name = event.name();
        this.renames++;
    }
}
