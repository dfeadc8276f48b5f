package org.iecmh.endorsement.kit.time;

import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void aDateThatHappenedRunsFrom1900ToTodayAndNamesItsFieldOtherwise() {
        assertThat(DateRange.Check.past("attendedOn", LocalDate.of(1900, 1, 1), TODAY)).isEqualTo("1900-01-01");
        assertThat(DateRange.Check.past("attendedOn", TODAY, TODAY)).isEqualTo(TODAY);
        assertThatThrownBy(() -> DateRange.Check.past("attendedOn", LocalDate.of(1800, 1, 1), TODAY))
                .isInstanceOfSatisfying(InvalidRequest.class, refused -> {
                    assertThat(refused.field()).isEqualTo("attendedOn");
                    assertThat(refused.rule()).isEqualTo("DateRange");
                });
        assertThatThrownBy(() -> DateRange.Check.past("heldOn", TODAY.plusDays(1), TODAY))
                .isInstanceOf(InvalidRequest.class).hasMessage("must be from 1900-01-01 to 2026-11-22, was 2026-11-23");
    }

    @Test
    void aPlannedDateLiesAtMostTwoYearsAheadAndAnEndNeverBeforeItsStart() {
        assertThat(DateRange.Check.ahead("sittingOn", TODAY.plusYears(2), TODAY, TODAY)).isEqualTo(TODAY.plusYears(2));
        assertThatThrownBy(() -> DateRange.Check.ahead("sittingOn", LocalDate.of(2999, 1, 1), TODAY, TODAY))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> DateRange.Check.ahead("sittingOn", TODAY.minusDays(1), TODAY, TODAY))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> DateRange.Check.endNotBeforeStart("endedOn", TODAY, TODAY.minusDays(1)))
                .isInstanceOfSatisfying(InvalidRequest.class, refused ->
                        assertThat(refused.rule()).isEqualTo("EndBeforeStart"));
        DateRange.Check.endNotBeforeStart("endedOn", TODAY, null);
        DateRange.Check.endNotBeforeStart("endedOn", TODAY, TODAY);
    }
}
