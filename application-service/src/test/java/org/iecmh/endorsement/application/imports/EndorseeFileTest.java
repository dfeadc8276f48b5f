package org.iecmh.endorsement.application.imports;

import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an association's endorsee file is read and its rows judged, without a service around them. */
class EndorseeFileTest {

    static final String HEADER = String.join(",", EndorseeFile.COLUMNS);
    static final EndorseeRules.Origin ORIGIN = new EndorseeRules.Origin("import-1", "0".repeat(64), "admin-ma",
            Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void windowsLineEndingsABlankLineAndAFieldOverTwoLinesKeepEachRowsFirstLine() {
        String text = "\uFEFF" + HEADER.toUpperCase() + "\r\n"
                + "MA-L-1,\"Ana\r\nLima\",ana@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\r\n"
                + "\r\n"
                + "MA-L-2,Kim,kim@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no";

        EndorseeFile file = EndorseeFile.read(text.getBytes(StandardCharsets.UTF_8), 10);

        assertThat(file.rows()).extracting(EndorseeFile.Row::line).containsExactly(2, 5);
        assertThat(file.rows().get(0).value(EndorseeFile.NAME)).isEqualTo("Ana\r\nLima");
        assertThat(file.sha256()).hasSize(64);
    }

    @Test
    void aFileWithMoreRowsThanTheLimitIsRefusedAsAWhole() {
        String row = "\nMA-L-1,Ana,ana@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no";

        assertThatThrownBy(() -> EndorseeFile.read((HEADER + row.repeat(3)).getBytes(StandardCharsets.UTF_8), 2))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.rule()).isEqualTo("too-many-rows"));
        assertThatThrownBy(() -> EndorseeFile.read(new byte[]{(byte) 0xC3, 0x28}, 2))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.rule()).isEqualTo("not-csv"));
    }

    @Test
    void aNumberTooLongOrInThePlatformsFormAndARowWithTooFewFieldsAreProblemsOfTheirRow() {
        String text = HEADER + "\n"
                + "MA-L-" + "1".repeat(28) + ",Ana,ana@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-000042,Kim,kim@example.org,IFA,2020-01-01,2027-12-31,ACTIVE,no,no\n"
                + "MA-L-3,Lee,lee@example.org\n"
                + "MA-L-4,Sam,sam@example.org,ecfs,6/30/2019,12/31/2027,inactive,Y,1\n";
        EndorseeFile file = EndorseeFile.read(text.getBytes(StandardCharsets.UTF_8), 10);

        List<EndorseeRules.Checked> checked = new EndorseeRules("ma", LocalDate.of(2026, 11, 22))
                .check(file.rows(), Map.of(), ORIGIN);

        assertThat(checked).extracting(row -> row.problems().isEmpty() ? "ok"
                : row.problems().get(0).column() + " " + row.problems().get(0).rule())
                .containsExactly("endorsement_number number-format", "endorsement_number number-reserved",
                        "null field-count", "ok");
        ImportEndorsement sam = checked.get(3).command();
        assertThat(sam.category().abbreviation()).isEqualTo("ECFS");
        assertThat(sam.endorsedSince()).isEqualTo(LocalDate.of(2019, 6, 30));
        assertThat(sam.status()).isEqualTo(ImportedStatus.INACTIVE);
        assertThat(sam.addOns()).extracting(a -> a.abbreviation()).containsExactly("ERS");
    }

    @Test
    void aRowImportedBeforeWithTheSameValuesIsNoProblemAndWithOthersItIs() {
        EndorseeFile file = EndorseeFile.read((HEADER + "\nMA-L-1,Ana,Ana@Example.org,IFA,2020-01-01,2027-12-31,"
                + "ACTIVE,no,no").getBytes(StandardCharsets.UTF_8), 10);
        EndorseeRules rules = new EndorseeRules("ma", LocalDate.of(2026, 11, 22));
        String fingerprint = rules.check(file.rows(), Map.of(), ORIGIN).get(0).command().fingerprint();

        assertThat(rules.check(file.rows(), Map.of("MA-L-1", Optional.of(fingerprint)), ORIGIN).get(0).valid())
                .isTrue();
        assertThat(rules.check(file.rows(), Map.of("MA-L-1", Optional.of("f".repeat(64))), ORIGIN).get(0)
                .problems()).extracting(RowProblem::rule).containsExactly("number-imported-differently");
        assertThat(rules.check(file.rows(), Map.of("MA-L-1", Optional.empty()), ORIGIN).get(0).problems())
                .extracting(RowProblem::rule).containsExactly("number-held");
    }
}
