package org.iecmh.endorsement.payment.fees;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each association's price list ({@code iecmh.fees.<tenant>}): a list of versions, each in force from its
 * {@code effective-from} date. An invoice takes the prices in force on the day it is issued and keeps them, so a new
 * version never changes what anyone already owes. Checked when the service starts.
 */
@ConfigurationProperties("iecmh")
public record FeeSchedules(Map<String, List<FeeSchedule>> fees) {

    public FeeSchedules {
        Map<String, List<FeeSchedule>> sorted = new HashMap<>();
        if (fees != null) {
            fees.forEach((tenant, versions) -> sorted.put(tenant, checked(tenant, versions)));
        }
        fees = Map.copyOf(sorted);
    }

    /** The version of the association's prices in force on {@code day}. */
    public FeeSchedule inEffect(String tenantId, LocalDate day) {
        List<FeeSchedule> versions = fees.get(tenantId);
        if (versions == null) {
            throw new IllegalStateException("No fee schedule for association " + tenantId
                    + ": set iecmh.fees." + tenantId);
        }
        return versions.stream().filter(version -> !version.effectiveFrom().isAfter(day))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new IllegalStateException("No fee schedule of association " + tenantId
                        + " is in effect on " + day + "; the first starts " + versions.get(0).effectiveFrom()));
    }

    private static List<FeeSchedule> checked(String tenant, List<FeeSchedule> versions) {
        if (versions == null || versions.isEmpty()) {
            throw new IllegalStateException("iecmh.fees." + tenant + " needs at least one version");
        }
        for (int i = 0; i < versions.size(); i++) {
            versions.get(i).check("iecmh.fees." + tenant + "[" + i + "]");
        }
        List<FeeSchedule> byDate = versions.stream().sorted(Comparator.comparing(FeeSchedule::effectiveFrom)).toList();
        for (int i = 1; i < byDate.size(); i++) {
            if (byDate.get(i).effectiveFrom().equals(byDate.get(i - 1).effectiveFrom())) {
                throw new IllegalStateException("iecmh.fees." + tenant + " has two versions effective from "
                        + byDate.get(i).effectiveFrom());
            }
        }
        return byDate;
    }
}
