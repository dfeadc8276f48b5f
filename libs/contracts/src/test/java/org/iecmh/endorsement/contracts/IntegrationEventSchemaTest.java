package org.iecmh.endorsement.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.iecmh.endorsement.contracts.association.AssociationChanged;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The published events are a contract: every record's JSON must match the schema other services rely on. */
class IntegrationEventSchemaTest {

    static final List<IntegrationEventType<?>> TYPES = IntegrationEventType.ALL;

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");
    /** One example of each integration event; the map is keyed by the event's own record class. */
    private static final Map<Class<?>, IntegrationEvent> EXAMPLES = Stream.of(
            new ApplicationSubmitted("ma", "app-1", "person-1", "Zoë Example", "IMHS", AT),
            new EndorsementGranted("wa", "WA-IMHS-000001", "app-1", "person-1", "Zoë Example", "IMHM-C", AT,
                    LocalDate.parse("2027-12-31"), "zoe@example.org"),
            new EndorsementImported("ma", "MA-L-0042", "email:ana@example.org", "Ana Lima", "ana@example.org",
                    "IFS", List.of("ERS"), LocalDate.parse("2015-06-01"), LocalDate.parse("2026-12-31"), "ACTIVE",
                    "admin-ma", AT, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            new InvoiceIssued("ma", "inv-1", "person-1", "app-1", Money.of(32_500, "USD"), LocalDate.parse("2026-12-22")),
            new InvoicePaid("ma", "inv-1", "person-1", null, Money.of(32_500, "USD"), AT),
            new InvoiceRefunded("ma", "inv-1", "person-1", "app-1", Money.of(2_500, "USD"), "WRONG_CATEGORY", AT),
            new InvoiceVoided("ma", "inv-2", "person-1", null, "Issued twice", AT),
            new MembershipActive("wa", "person-1", "inv-3", LocalDate.parse("2027-12-31"), LocalDate.parse("2027-01-15")),
            new EndorsementLapsed("wa", "WA-000001", AT),
            new EndorsementRevoked("ma", "MA-000001", AT),
            new EndorsementInactivated("ma", "MA-000001", AT),
            new EndorsementReactivated("ma", "MA-000001", AT, LocalDate.parse("2027-12-31")),
            new EndorsementTransferred("wa", "MA-000001", "ma", "wa", null, AT, LocalDate.of(2030, 12, 31)),
            new EndorsementRenewed("wa", "WA-000001", AT, LocalDate.parse("2030-12-31")),
            new ReinstatementRequested("wa", "WA-000001", "person-1", "INV-REINSTATEMENT-WA-000001-1", AT),
            new LateRenewalFeeCharged("ma", "MA-000001", "person-1", "INV-LATE-RENEWAL-MA-000001-2027",
                    Money.of(2_500, "USD"), AT),
            new EndorsementClaimed("ma", "MA-L-0042", "ana-lima", AT),
            new AssociationChanged("ma", 3, AT, "tenant-admin-ma", AssociationSeed.load().get(0)),
            new MailPreferencesChanged("wa", "applicant-wa", "zoe.personal@example.org", "es", 2, AT))
            .collect(Collectors.toMap(IntegrationEvent::getClass, Function.identity()));

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void theRecordsJsonMatchesItsSchema(IntegrationEventType<?> type) {
        JsonNode event = json.valueToTree(example(type));

        assertThat(validate(type, event)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void theSchemaRequiresExactlyTheRecordsFields(IntegrationEventType<?> type) throws IOException {
        JsonNode schema = json.readTree(schemaOf(type));
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(name -> required.add(name.asText()));
        List<String> components = Arrays.stream(type.payloadType().getRecordComponents())
                .map(RecordComponent::getName).toList();

        assertThat(required).containsExactlyInAnyOrderElementsOf(components);
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("$id").asText()).endsWith(type.type());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void theSchemaRejectsAnEventWithAFieldMissingOrAdded(IntegrationEventType<?> type) {
        ObjectNode missing = json.valueToTree(example(type));
        missing.remove("tenantId");
        ObjectNode added = json.valueToTree(example(type));
        added.put("socialSecurityNumber", "123-45-6789");

        assertThat(validate(type, missing)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("tenantId"));
        assertThat(validate(type, added)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("socialSecurityNumber"));
    }

    @Test
    void everyTypeIsVersionedAndKnownByItsName() {
        assertThat(TYPES).extracting(IntegrationEventType::type).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches(".*\\.v[0-9]+$"));
        assertThat(IntegrationEventType.ofType(InvoicePaid.TYPE).payloadType()).isEqualTo(InvoicePaid.class);
        assertThat(IntegrationEventType.of(EndorsementGranted.class).topic()).isEqualTo(Topics.APPLICATIONS);
        assertThat(IntegrationEventType.of(EndorsementLapsed.class).topic()).isEqualTo(Topics.ENDORSEMENTS);
        assertThat(IntegrationEventType.of(AssociationChanged.class).topic()).isEqualTo(Topics.ASSOCIATIONS);
        assertThatThrownBy(() -> IntegrationEventType.ofType("org.iecmh.endorsement.unknown.thing.v1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyIsWholeCentsInOneCurrency() {
        assertThat(Money.of(1_500, "USD").plus(Money.of(2_500, "USD"))).isEqualTo(Money.of(4_000, "USD"));
        assertThatThrownBy(() -> Money.of(1, "USD").plus(Money.of(1, "CAD")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "dollars")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void categoriesAreKnownByTheirAbbreviationAndLevel() {
        assertThat(Category.fromAbbreviation("IMHM-C")).isEqualTo(Category.IMHM_C);
        assertThat(Category.fromAbbreviation("ECFS").level()).isEqualTo(2);
        assertThat(Category.values()).extracting(Category::abbreviation)
                .allSatisfy(abbreviation -> assertThat(abbreviation).matches("^[A-Z][A-Z-]{1,9}$"));
        assertThatThrownBy(() -> Category.fromAbbreviation("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    private IntegrationEvent example(IntegrationEventType<?> type) {
        IntegrationEvent example = EXAMPLES.get(type.payloadType());
        assertThat(example).as("an example of %s in this test", type.type()).isNotNull();
        return example;
    }

    private Set<ValidationMessage> validate(IntegrationEventType<?> type, JsonNode event) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schemaOf(type), config);
        return schema.validate(event);
    }

    private static InputStream schemaOf(IntegrationEventType<?> type) {
        InputStream schema = IntegrationEventType.class.getResourceAsStream(type.schemaResource());
        assertThat(schema).as("schema %s", type.schemaResource()).isNotNull();
        return schema;
    }
}
