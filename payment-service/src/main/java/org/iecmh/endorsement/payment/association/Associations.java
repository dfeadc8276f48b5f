package org.iecmh.endorsement.payment.association;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What payment-service knows of each association besides its prices ({@code iecmh.tenants.<code>}): its time zone,
 * where its days begin and end (the day an invoice is issued and falls due, the day a membership begins), and its
 * membership rule. Checked when the service starts.
 */
@ConfigurationProperties("iecmh")
public record Associations(Map<String, Association> tenants) {

    public Associations {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        tenants.forEach((code, association) -> association.check("iecmh.tenants." + code + "."));
    }

    /**
     * {@code timeZone}: an IANA zone such as {@code America/Los_Angeles}. {@code membership}: how long a membership
     * bought on a day runs, and whether the association asks for one before anyone applies.
     */
    public record Association(String timeZone, Membership membership) {

        void check(String prefix) {
            if (timeZone == null) {
                throw new IllegalStateException(prefix + "time-zone is required (such as America/New_York)");
            }
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new IllegalStateException(prefix + "time-zone must be an IANA time zone, was " + timeZone, e);
            }
            if (membership == null) {
                throw new IllegalStateException(prefix + "membership is required");
            }
            membership.check(prefix + "membership.");
        }
    }

    /**
     * A membership runs by calendar year: bought on a day, it runs to December 31 of that year, or of the next year
     * when bought after {@code nextYearAfter} (MM-DD, such as {@code 09-01}). {@code requiredToApply}: whether the
     * association asks applicants to be members before they apply.
     */
    public record Membership(String nextYearAfter, Boolean requiredToApply) {

        void check(String prefix) {
            cutoff(prefix);
            if (requiredToApply == null) {
                throw new IllegalStateException(prefix + "required-to-apply is required (true or false)");
            }
        }

        private MonthDay cutoff(String prefix) {
            if (nextYearAfter == null) {
                throw new IllegalStateException(prefix + "next-year-after is required (MM-DD)");
            }
            try {
                return MonthDay.parse("--" + nextYearAfter);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(prefix + "next-year-after must be MM-DD, was " + nextYearAfter, e);
            }
        }

        /** The last day of a membership bought on {@code day}. */
        public LocalDate runsThrough(LocalDate day) {
            boolean late = day.isAfter(cutoff("").atYear(day.getYear()));
            return LocalDate.of(late ? day.getYear() + 1 : day.getYear(), 12, 31);
        }
    }

    public Association of(String tenant) {
        Association association = tenants.get(tenant);
        if (association == null) {
            throw new IllegalStateException("No settings for association " + tenant + ": set iecmh.tenants." + tenant);
        }
        return association;
    }

    /** The day it is now for the association. */
    public LocalDate today(String tenant, Clock clock) {
        return LocalDate.ofInstant(clock.instant(), zone(tenant));
    }

    public ZoneId zone(String tenant) {
        return ZoneId.of(of(tenant).timeZone());
    }

    public Membership membership(String tenant) {
        return of(tenant).membership();
    }
}
