package org.iecmh.endorsement.payment.fees;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.Money;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeeSchedulesTest {

    private static final Map<Integer, Long> REGISTRATION = Map.of(1, 1_500L, 2, 2_000L, 3, 2_500L, 4, 2_500L);
    private static final Map<Integer, Long> PROCESSING = Map.of(1, 2_500L, 2, 10_000L, 3, 30_000L, 4, 40_000L);

    private static FeeSchedule version(String from, long imhsProcessing, Long reinstatement) {
        Map<Integer, Long> processing = new HashMap<>(PROCESSING);
        processing.put(3, imhsProcessing);
        return new FeeSchedule(LocalDate.parse(from), "USD", 30, REGISTRATION, processing, null, null, null,
                reinstatement, Map.of(RefundReason.WRONG_CATEGORY, Set.of(FeeKind.PROCESSING)));
    }

    // Listed out of order on purpose: the versions are read by date, not by position.
    private final FeeSchedules schedules = new FeeSchedules(Map.of("ma", List.of(
            version("2027-01-01", 35_000, 10_000L), version("2024-01-01", 30_000, null))));

    @Test
    void thePricesInForceAreTheLatestVersionThatHasStarted() {
        assertThat(schedules.inEffect("ma", LocalDate.parse("2026-12-31")).forSubmission(Category.IMHS))
                .extracting(FeeSchedule.Fee::amount)
                .containsExactly(Money.of(2_500, "USD"), Money.of(30_000, "USD"));
        assertThat(schedules.inEffect("ma", LocalDate.parse("2027-01-01")).forSubmission(Category.IMHS))
                .extracting(FeeSchedule.Fee::amount)
                .containsExactly(Money.of(2_500, "USD"), Money.of(35_000, "USD"));
    }

    @Test
    void beforeTheFirstVersionOrForAnUnknownAssociationThereAreNoPrices() {
        assertThatThrownBy(() -> schedules.inEffect("ma", LocalDate.parse("2023-12-31")))
                .hasMessageContaining("2024-01-01");
        assertThatThrownBy(() -> schedules.inEffect("zz", LocalDate.parse("2026-01-01")))
                .hasMessageContaining("iecmh.fees.zz");
    }

    @Test
    void aFlatFeeExistsOnlyWhereTheAssociationChargesIt() {
        assertThat(schedules.inEffect("ma", LocalDate.parse("2026-06-01")).flatFee(FeeKind.REINSTATEMENT)).isEmpty();
        assertThat(schedules.inEffect("ma", LocalDate.parse("2027-06-01")).flatFee(FeeKind.REINSTATEMENT))
                .hasValueSatisfying(fee -> assertThat(fee.amount()).isEqualTo(Money.of(10_000, "USD")));
    }

    @Test
    void theRefundRulesSayWhichFeesAreKeptForAReason() {
        FeeSchedule schedule = schedules.inEffect("ma", LocalDate.parse("2026-06-01"));
        assertThat(schedule.notRefundedFor(RefundReason.WRONG_CATEGORY)).containsExactly(FeeKind.PROCESSING);
        assertThat(schedule.notRefundedFor(RefundReason.WITHDRAWN)).isEmpty();
    }

    @Test
    void aScheduleThatCannotBeReadNamesTheSetting() {
        assertThatThrownBy(() -> new FeeSchedules(Map.of("ma", List.of(
                new FeeSchedule(LocalDate.parse("2024-01-01"), "USD", 30, REGISTRATION, Map.of(1, 2_500L), null,
                        null, null, null, null)))))
                .hasMessageContaining("iecmh.fees.ma[0].processing.2");
        assertThatThrownBy(() -> new FeeSchedules(Map.of("ma", List.of(
                version("2024-01-01", 30_000, null), version("2024-01-01", 31_000, null)))))
                .hasMessageContaining("two versions effective from 2024-01-01");
        assertThatThrownBy(() -> new FeeSchedules(Map.of("ma", List.of(
                new FeeSchedule(LocalDate.parse("2024-01-01"), "USD", 30, REGISTRATION, PROCESSING, null, null,
                        -1L, null, null)))))
                .hasMessageContaining("iecmh.fees.ma[0].late-fee");
    }

    @Test
    void washingtonChargesItsOwnPublishedRegistrationAndMembershipNotMassachusetts() throws java.io.IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("shipped", new ClassPathResource(
                org.iecmh.endorsement.payment.PaymentServiceApplication.NAME + ".yml"))
                .forEach(environment.getPropertySources()::addLast);
        FeeSchedules shipped = Binder.get(environment).bind("iecmh", FeeSchedules.class).get();
        FeeSchedule washington = shipped.inEffect("wa", LocalDate.parse("2026-06-01"));

        for (Category category : List.of(Category.IFA, Category.IFS, Category.IMHS, Category.IMHM_C)) {
            assertThat(washington.forSubmission(category).get(0).amount()).isEqualTo(Money.of(2_500, "USD"));
        }
        assertThat(washington.flatFee(FeeKind.MEMBERSHIP_DUES))
                .hasValueSatisfying(fee -> assertThat(fee.amount()).isEqualTo(Money.of(8_000, "USD")));
        assertThat(shipped.inEffect("ma", LocalDate.parse("2026-06-01")).forSubmission(Category.IFA).get(0).amount())
                .isEqualTo(Money.of(1_500, "USD"));
    }
}
