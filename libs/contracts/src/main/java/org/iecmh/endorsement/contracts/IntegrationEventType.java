package org.iecmh.endorsement.contracts;

import org.iecmh.endorsement.contracts.association.AssociationChanged;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** Each of {@link #ALL} by its CloudEvents type: looked up for every record a consumer reads. */
    private static final Map<String, IntegrationEventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(IntegrationEventType::type, Function.identity()));
    private static final Map<Class<?>, IntegrationEventType<?>> BY_PAYLOAD_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(IntegrationEventType::payloadType, Function.identity()));

    /** The kind of event of this CloudEvents type, if it is one. */
    public static Optional<IntegrationEventType<?>> find(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    public static IntegrationEventType<?> ofType(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("Unknown integration event type " + type));
    }

    @SuppressWarnings("unchecked")
    public static <E extends IntegrationEvent> IntegrationEventType<E> of(Class<E> payloadType) {
        IntegrationEventType<?> type = BY_PAYLOAD_TYPE.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType + " is not a registered integration event");
        }
        return (IntegrationEventType<E>) type;
    }
}
