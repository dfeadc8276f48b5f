package org.iecmh.endorsement.contracts.association;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** An association limits the evidence an application carries: per file and per application, by version. */
class EvidenceVersionTest {

    private final Association ma = AssociationSeed.load().get(0);

    @Test
    void aRecordWithoutEvidenceVersionsTakesThePlatformDefaults() {
        assertThat(ma.evidence()).isEmpty();
        assertThat(ma.evidenceOn(LocalDate.of(2026, 11, 22)).fileLimit())
                .isEqualTo(EvidenceVersion.DEFAULT_MAX_FILE_BYTES);
        assertThat(ma.evidenceOn(LocalDate.of(2026, 11, 22)).applicationLimit())
                .isEqualTo(EvidenceVersion.DEFAULT_MAX_APPLICATION_BYTES);
    }

    @Test
    void theVersionInForceOnTheDaySetsTheLimits() {
        Association limited = ma.withEvidence(List.of(
                new EvidenceVersion(LocalDate.of(2026, 1, 1), 5_000_000L, 50_000_000L),
                new EvidenceVersion(LocalDate.of(2027, 1, 1), 1_000_000L, null)));

        assertThat(limited.violations()).isEmpty();
        assertThat(limited.evidenceOn(LocalDate.of(2026, 12, 31)).fileLimit()).isEqualTo(5_000_000L);
        assertThat(limited.evidenceOn(LocalDate.of(2027, 1, 1)).fileLimit()).isEqualTo(1_000_000L);
        assertThat(limited.evidenceOn(LocalDate.of(2027, 1, 1)).applicationLimit())
                .isEqualTo(EvidenceVersion.DEFAULT_MAX_APPLICATION_BYTES);
        assertThat(limited.evidenceOn(LocalDate.of(2025, 6, 1)).fileLimit())
                .isEqualTo(EvidenceVersion.DEFAULT_MAX_FILE_BYTES);
    }

    @Test
    void limitsAreBytesWithinBoundsAndAnApplicationHoldsAtLeastOneFile() {
        Association broken = ma.withEvidence(List.of(
                new EvidenceVersion(null, 0L, 2L * EvidenceVersion.LARGEST_LIMIT),
                new EvidenceVersion(LocalDate.of(2026, 1, 1), 10_000L, 5_000L),
                new EvidenceVersion(LocalDate.of(2026, 1, 1), null, null)));

        assertThat(broken.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("evidence[0].effectiveFrom", "required"),
                tuple("evidence[0].maxFileBytes", "range"),
                tuple("evidence[0].maxApplicationBytes", "range"),
                tuple("evidence[1].maxApplicationBytes", "application-limit-below-file-limit"),
                tuple("evidence[2].effectiveFrom", "effective-from-unique"));
    }

    @Test
    void aRecordStoredBeforeEvidenceLimitsReadsWithNone() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        ObjectNode stored = json.valueToTree(ma);
        stored.remove("evidence");

        Association read = json.treeToValue(stored, Association.class);

        assertThat(read.evidence()).isEmpty();
        assertThat(read.code()).isEqualTo("ma");
        assertThat(read.evidenceOn(LocalDate.of(2026, 11, 22)).fileLimit())
                .isEqualTo(EvidenceVersion.DEFAULT_MAX_FILE_BYTES);
        assertThat(read.violations()).isEmpty();
    }
}
