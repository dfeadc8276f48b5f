package org.iecmh.endorsement.contracts;

import org.iecmh.endorsement.contracts.association.AssociationChanged;

import java.util.List;
import java.util.Objects;

/**
 * One kind of integration event: its record, its CloudEvents type (versioned), the topic it travels on
 * and the JSON Schema of its data.
 */
public record IntegrationEventType<E extends IntegrationEvent>(Class<E> payloadType, String type, String topic) {

    public static final List<IntegrationEventType<?>> ALL = List.of(
            new IntegrationEventType<>(ApplicationSubmitted.class, ApplicationSubmitted.TYPE, Topics.APPLICATIONS),
            new IntegrationEventType<>(EndorsementGranted.class, EndorsementGranted.TYPE, Topics.APPLICATIONS),
            new IntegrationEventType<>(EndorsementImported.class, EndorsementImported.TYPE, Topics.APPLICATIONS),
            new IntegrationEventType<>(InvoiceIssued.class, InvoiceIssued.TYPE, Topics.PAYMENTS),
            new IntegrationEventType<>(InvoicePaid.class, InvoicePaid.TYPE, Topics.PAYMENTS),
            new IntegrationEventType<>(InvoiceRefunded.class, InvoiceRefunded.TYPE, Topics.PAYMENTS),
            new IntegrationEventType<>(InvoiceVoided.class, InvoiceVoided.TYPE, Topics.PAYMENTS),
            new IntegrationEventType<>(MembershipActive.class, MembershipActive.TYPE, Topics.PAYMENTS),
            new IntegrationEventType<>(EndorsementLapsed.class, EndorsementLapsed.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(EndorsementRevoked.class, EndorsementRevoked.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(EndorsementInactivated.class, EndorsementInactivated.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(EndorsementReactivated.class, EndorsementReactivated.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(EndorsementTransferred.class, EndorsementTransferred.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(EndorsementRenewed.class, EndorsementRenewed.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(ReinstatementRequested.class, ReinstatementRequested.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(LateRenewalFeeCharged.class, LateRenewalFeeCharged.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(EndorsementClaimed.class, EndorsementClaimed.TYPE, Topics.ENDORSEMENTS),
            new IntegrationEventType<>(AssociationChanged.class, AssociationChanged.TYPE, Topics.ASSOCIATIONS),
            new IntegrationEventType<>(MailPreferencesChanged.class, MailPreferencesChanged.TYPE,
                    Topics.ASSOCIATIONS));

    public IntegrationEventType {
        Objects.requireNonNull(payloadType, "payloadType");
        if (!type.matches("org\\.iecmh\\.endorsement\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+")) {
            throw new IllegalArgumentException("CloudEvents type must end in a version: " + type);
        }
    }

    /** Classpath location of the event's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + type + ".json";
    }

    public static IntegrationEventType<?> ofType(String type) {
        return ALL.stream().filter(t -> t.type.equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown integration event type " + type));
    }

    @SuppressWarnings("unchecked")
    public static <E extends IntegrationEvent> IntegrationEventType<E> of(Class<E> payloadType) {
        return (IntegrationEventType<E>) ALL.stream().filter(t -> t.payloadType.equals(payloadType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(payloadType + " is not a registered integration event"));
    }
}
