package org.iecmh.endorsement.renewal.evidence;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.iecmh.endorsement.contracts.association.RenewalPolicy;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.renewal.standing.EndorsementPart;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The evidence of the current cycle's hours, a part of the Endorsement aggregate: files attached to a year of the
 * cycle, and the renewal audit. A submitted renewal is drawn for the audit by {@link RenewalAuditDraw}; a sampled
 * renewal waits until the coordinator accepted every item of evidence (at least one): an item returned with a reason
 * is answered by another that replaces it. What was attached stays in the history; the member keeps the cycle's.
 */
public class Evidence extends EndorsementPart {

    /** Where an item of evidence stands with the coordinator. */
    public enum ItemState { ATTACHED, ACCEPTED, RETURNED, REPLACED }

    /** What the member keeps of an item: enough to recognise a request sent again and to judge the audit. */
    record Item(int year, String objectKey, long size, String sha256, ItemState state) {

        Item in(ItemState next) {
            return new Item(year, objectKey, size, sha256, next);
        }
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    /** The current cycle's renewal was drawn for the audit. */
    private boolean sampled;
    /** Sampled, and not every item accepted yet. */
    private boolean auditOpen;

    /**
     * Keeps the file as evidence of a year of the current cycle; the same attachment sent again with the same bytes
     * is taken as done. Answers the key of the file kept for the attachment, which is another request's when this one
     * came again: the caller then removes the copy it stored.
     */
    @CommandHandler
    String handle(AttachEvidence command) {
        standing.requireNotRevoked();
        Item known = items.get(command.attachmentId());
        if (known != null) {
            if (!known.sha256().equals(command.file().sha256())) {
                throw new DomainRuleViolation("idempotency-key-reused", "Attachment " + command.attachmentId()
                        + " was made by an earlier request with another file: send a new Idempotency-Key");
            }
            return known.objectKey();
        }
        LocalDate through = standing.validThrough();
        int lastYear = through.getYear();
        int firstYear = lastYear - command.policy().cycleYears() + 1;
        if (command.year() < firstYear || command.year() > lastYear) {
            throw new DomainRuleViolation("evidence-year-outside-cycle", "Evidence of " + standing.endorsementNumber()
                    + " is for a year of its cycle, " + firstYear + " to " + lastYear + ", not " + command.year(),
                    Map.of("field", "year", "firstYear", firstYear, "lastYear", lastYear));
        }
        if (command.replaces() != null) {
            Item returned = items.get(command.replaces());
            if (returned == null) {
                throw new UnknownResource("evidence", command.replaces());
            }
            if (returned.state() != ItemState.RETURNED) {
                throw new DomainRuleViolation("evidence-not-returned",
                        "Only evidence the coordinator returned is replaced; " + command.replaces() + " is "
                                + returned.state().name().toLowerCase());
            }
        }
        long kept = items.values().stream().mapToLong(Item::size).sum();
        if (kept + command.file().size() > command.maxCycleBytes()) {
            throw new DomainRuleViolation("evidence-cycle-limit", "The evidence of a cycle is at most "
                    + command.maxCycleBytes() + " bytes; " + kept + " are kept already",
                    Map.of("field", "file", "limit", command.maxCycleBytes(), "kept", kept));
        }
        apply(new EvidenceAttached(standing.endorsementNumber(), standing.tenantId(), command.attachmentId(),
                through, command.year(), command.fileName(), command.file(), command.storedIn(),
                command.attachedBy(), command.replaces()));
        return command.file().objectKey();
    }

    /**
     * The draw for the audit, when the current cycle's renewal is submitted: once per cycle, however often it is
     * submitted, and with the same answer every time, since the draw is made of the cycle alone.
     */
    public void drawForAudit(RenewalPolicy policy, LocalDate today) {
        if (sampled) {
            return;
        }
        int draw = RenewalAuditDraw.draw(standing.tenantId(), standing.endorsementNumber(), standing.validThrough());
        if (RenewalAuditDraw.sampled(draw, policy.auditPercent())) {
            apply(new RenewalSampled(standing.endorsementNumber(), standing.tenantId(), standing.validThrough(),
                    policy.auditPercent(), draw, today));
        }
    }

    /** A sampled renewal is approved once its audit closed. */
    public void requireAuditClosed() {
        if (auditOpen) {
            long waiting = items.values().stream().filter(item -> item.state() == ItemState.ATTACHED).count();
            long returned = items.values().stream().filter(item -> item.state() == ItemState.RETURNED).count();
            throw new DomainRuleViolation("renewal-audit-open", "The renewal of " + standing.endorsementNumber()
                    + " was drawn for an audit: it is approved once every item of its evidence is accepted",
                    Map.of("awaitingReview", waiting, "returned", returned));
        }
    }

    @CommandHandler
    void handle(AcceptEvidence command) {
        Item item = auditedItem(command.attachmentId());
        switch (item.state()) {
            case ACCEPTED -> {
                return;
            }
            case RETURNED, REPLACED -> throw new DomainRuleViolation("evidence-returned",
                    "Evidence " + command.attachmentId() + " was returned; the endorsee attaches another");
            case ATTACHED -> apply(new EvidenceAccepted(standing.endorsementNumber(), standing.tenantId(),
                    command.attachmentId()));
        }
        if (auditOpen && everyItemAccepted()) {
            apply(new RenewalAuditClosed(standing.endorsementNumber(), standing.tenantId(), standing.validThrough(),
                    command.today()));
        }
    }

    @CommandHandler
    void handle(ReturnEvidence command) {
        Item item = auditedItem(command.attachmentId());
        switch (item.state()) {
            case RETURNED, REPLACED -> {
                // Returned already: the endorsee was told.
            }
            case ACCEPTED -> throw new DomainRuleViolation("evidence-accepted",
                    "Evidence " + command.attachmentId() + " was accepted");
            case ATTACHED -> apply(new EvidenceReturned(standing.endorsementNumber(), standing.tenantId(),
                    command.attachmentId(), command.reason()));
        }
    }

    /** An item of this cycle's evidence, which the coordinator judges only when the renewal was sampled. */
    private Item auditedItem(String attachmentId) {
        Item item = items.get(attachmentId);
        if (item == null) {
            throw new UnknownResource("evidence", attachmentId);
        }
        if (!sampled) {
            throw new DomainRuleViolation("renewal-not-sampled", "The renewal of " + standing.endorsementNumber()
                    + " was not drawn for an audit this cycle: its evidence is kept, not judged");
        }
        return item;
    }

    /** Nothing waits for the coordinator or for the endorsee, and something was accepted. */
    private boolean everyItemAccepted() {
        return items.values().stream().anyMatch(item -> item.state() == ItemState.ACCEPTED)
                && items.values().stream().allMatch(item -> item.state() == ItemState.ACCEPTED
                || item.state() == ItemState.REPLACED);
    }

    @EventSourcingHandler
    void on(EvidenceAttached event) {
        items.put(event.attachmentId(), new Item(event.year(), event.file().objectKey(), event.file().size(),
                event.file().sha256(), ItemState.ATTACHED));
        if (event.replaces() != null) {
            items.computeIfPresent(event.replaces(), (id, item) -> item.in(ItemState.REPLACED));
        }
    }

    @EventSourcingHandler
    void on(RenewalSampled event) {
        sampled = true;
        auditOpen = true;
    }

    @EventSourcingHandler
    void on(EvidenceAccepted event) {
        items.computeIfPresent(event.attachmentId(), (id, item) -> item.in(ItemState.ACCEPTED));
    }

    @EventSourcingHandler
    void on(EvidenceReturned event) {
        items.computeIfPresent(event.attachmentId(), (id, item) -> item.in(ItemState.RETURNED));
    }

    @EventSourcingHandler
    void on(RenewalAuditClosed event) {
        auditOpen = false;
    }

    /** A new cycle asks for its own evidence and draws again. */
    @Override
    protected void newCycle() {
        items.clear();
        sampled = false;
        auditOpen = false;
    }

    /** The cycle ended without a renewal. */
    @Override
    protected void lapsed() {
        newCycle();
    }
}
