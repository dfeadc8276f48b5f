package org.iecmh.endorsement.contracts.association;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects violations as a record is checked, each at its field path. */
final class Checks {

    private final List<Violation> found = new ArrayList<>();

    List<Violation> found() {
        return List.copyOf(found);
    }

    boolean ok() {
        return found.isEmpty();
    }

    void add(String field, String rule, String message) {
        found.add(new Violation(field, rule, message));
    }

    boolean required(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> items && items.isEmpty()) {
            add(field, "required", field + " is required");
            return false;
        }
        return true;
    }

    void notNegative(String field, Number value) {
        if (value != null && value.doubleValue() < 0) {
            add(field, "not-negative", field + " must be zero or more, was " + value);
        }
    }

    void atLeast(String field, Integer value, int minimum) {
        if (value != null && value < minimum) {
            add(field, "at-least", field + " must be at least " + minimum + ", was " + value);
        }
    }

    void range(String field, Integer value, int from, int to) {
        if (value != null && (value < from || value > to)) {
            add(field, "range", field + " must be from " + from + " to " + to + ", was " + value);
        }
    }

    void oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(field, "one-of", field + " must be one of " + String.join(", ", allowed) + ", was " + value);
        }
    }

    MonthDay monthDay(String field, String value) {
        if (!required(field, value)) {
            return null;
        }
        try {
            return MonthDay.parse("--" + value);
        } catch (DateTimeParseException e) {
            add(field, "month-day", field + " must be MM-DD, such as 12-31, was " + value);
            return null;
        }
    }

    void currency(String field, String value) {
        if (value != null && !value.matches("[A-Z]{3}")) {
            add(field, "iso-currency", field + " must be an ISO 4217 code such as USD, was " + value);
        }
    }

    void timeZone(String field, String value) {
        if (!required(field, value)) {
            return;
        }
        try {
            ZoneId.of(value);
            if (!ZoneId.getAvailableZoneIds().contains(value)) {
                throw new DateTimeException("not a region");
            }
        } catch (DateTimeException e) {
            add(field, "iana-time-zone", field + " must be an IANA time zone such as America/New_York, was " + value);
        }
    }

    void email(String field, String value) {
        if (value != null && !value.matches("[^@\\s]+@[^@\\s]+")) {
            add(field, "email", field + " must be an email address, was " + value);
        }
    }

    void positiveDuration(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                add(field, "positive", field + " must be positive, such as P30D");
            }
        } catch (DateTimeParseException e) {
            add(field, "iso-duration", field + " must be an ISO-8601 duration such as P30D, was " + value);
        }
    }

    void knownCategory(String field, String abbreviation) {
        if (!org.iecmh.endorsement.contracts.Category.isKnown(abbreviation)) {
            add(field, "unknown-category", field + ": no category " + abbreviation);
        }
    }
}
