package org.iecmh.endorsement.application.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads a {@link PortfolioEntryRemoved} of revision 1 ({@code {applicationId, entryId}}, stored without a revision)
 * as revision 2: the tenant it lacked is the one its metadata names, which every stored event carries. The stored
 * row is never changed (its hash chain depends on it); the event is upcast each time it is read.
 */
@Component
@Order(0)
public class PortfolioEntryRemovedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PortfolioEntryRemoved.class.getName(), null);
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(PortfolioEntryRemoved.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        Object tenant = event.getMetaData().getObject().get(AuditMetadata.TENANT);
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.put("tenantId", tenant == null ? null : tenant.toString());
            return upcast;
        });
    }
}
