package org.iecmh.endorsement.payment.fees;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.contracts.Money;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * Each association's fees as configuration ({@code iecmh.fees.<tenant>}), in whole cents, per category level
 * (1 to 4). Checked when the service starts: every level needs both fees.
 */
@ConfigurationProperties("iecmh")
public record FeeSchedules(Map<String, Schedule> fees) {

    public FeeSchedules {
        fees = fees == null ? Map.of() : Map.copyOf(fees);
        fees.forEach(FeeSchedules::check);
    }

    /** Fees of one association: registration and processing per level, payable within {@code dueDays}. */
    public record Schedule(String currency, int dueDays, Map<Integer, Long> registration,
                           Map<Integer, Long> processing) {
    }

    /** One line of an invoice. */
    public record Fee(String description, Money amount) {
    }

    /** The fees due when an application for {@code category} is submitted: registration and processing. */
    public List<Fee> forSubmission(String tenantId, Category category) {
        Schedule schedule = schedule(tenantId);
        return List.of(
                new Fee("Registration fee, " + category.abbreviation(),
                        Money.of(schedule.registration().get(category.level()), schedule.currency())),
                new Fee("Processing fee, " + category.abbreviation(),
                        Money.of(schedule.processing().get(category.level()), schedule.currency())));
    }

    public Schedule schedule(String tenantId) {
        Schedule schedule = fees.get(tenantId);
        if (schedule == null) {
            throw new IllegalStateException("No fee schedule for association " + tenantId
                    + ": set iecmh.fees." + tenantId);
        }
        return schedule;
    }

    private static void check(String tenant, Schedule schedule) {
        String prefix = "iecmh.fees." + tenant;
        if (schedule.currency() == null || !schedule.currency().matches("[A-Z]{3}")) {
            throw new IllegalStateException(prefix + ".currency must be an ISO 4217 code such as USD");
        }
        if (schedule.dueDays() < 1) {
            throw new IllegalStateException(prefix + ".due-days must be at least 1");
        }
        for (int level = 1; level <= 4; level++) {
            for (var entry : Map.of("registration", schedule.registration(), "processing", schedule.processing())
                    .entrySet()) {
                Long cents = entry.getValue() == null ? null : entry.getValue().get(level);
                if (cents == null || cents < 0) {
                    throw new IllegalStateException(prefix + "." + entry.getKey() + "." + level
                            + " must be a whole number of cents, zero or more");
                }
            }
        }
    }
}
