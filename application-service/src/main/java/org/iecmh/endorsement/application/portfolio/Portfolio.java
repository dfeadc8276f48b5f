package org.iecmh.endorsement.application.portfolio;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.application.casefile.CaseFacts;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The application's portfolio (a member of the Application aggregate): its entries, changed while a draft. */
public class Portfolio {

    /** The root's facts; not part of a snapshot, handed over again whenever the root is made. */
    private transient CaseFacts application;
    private final Map<String, PortfolioEntry> entries = new LinkedHashMap<>();

    public Portfolio(CaseFacts application) {
        this.application = application;
    }

    /** For Jackson only, which fills in a snapshot's portfolio in place. */
    Portfolio() {
    }

    public Collection<PortfolioEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /** Idempotent by nature: the same entry recorded again under its id changes nothing. */
    @CommandHandler
    void handle(RecordPortfolioEntry command) {
        application.requireDraft();
        PortfolioEntry existing = entries.get(command.entryId());
        if (command.entry().equals(existing)) {
            return;
        }
        if (existing != null) {
            throw new DomainRuleViolation("portfolio-entry-exists", "Entry " + command.entryId() + " exists already");
        }
        apply(new PortfolioEntryRecorded(application.applicationId(), command.entryId(), command.entry()));
    }

    @CommandHandler
    void handle(CorrectPortfolioEntry command) {
        application.requireDraft();
        PortfolioEntry existing = requireEntry(command.entryId());
        if (!existing.getClass().equals(command.entry().getClass())) {
            throw new DomainRuleViolation("portfolio-entry-kind",
                    "Entry " + command.entryId() + " is a different kind of entry");
        }
        if (!existing.equals(command.entry())) {
            apply(new PortfolioEntryCorrected(application.applicationId(), command.entryId(), command.entry()));
        }
    }

    @CommandHandler
    void handle(RemovePortfolioEntry command) {
        application.requireDraft();
        requireEntry(command.entryId());
        apply(new PortfolioEntryRemoved(application.applicationId(), application.tenantId(), command.entryId()));
    }

    private PortfolioEntry requireEntry(String entryId) {
        PortfolioEntry existing = entries.get(entryId);
        if (existing == null) {
            throw new UnknownResource("portfolio entry", entryId);
        }
        return existing;
    }

    @EventSourcingHandler
    void on(PortfolioEntryRecorded event) {
        entries.put(event.entryId(), event.entry());
    }

    @EventSourcingHandler
    void on(PortfolioEntryCorrected event) {
        entries.put(event.entryId(), event.entry());
    }

    @EventSourcingHandler
    void on(PortfolioEntryRemoved event) {
        entries.remove(event.entryId());
    }
}
