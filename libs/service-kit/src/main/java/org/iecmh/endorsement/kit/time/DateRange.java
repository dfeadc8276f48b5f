package org.iecmh.endorsement.kit.time;

import org.iecmh.endorsement.kit.web.InvalidRequest;

import java.time.LocalDate;

/**
 * The dates a person may type: nothing before 1900, nothing absurdly far ahead, an end never before its start.
 * A date outside its range is invalid input, a 400 problem naming the field with rule {@code DateRange} (or
 * {@code EndBeforeStart}), refused before any event is stored. "Today" is the association's day, from the
 * injected clock in the association's time zone.
 */
public final class DateRange {

    /** No record of this credential's world is older. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** How far ahead a planned date (an exam sitting, a planned end of work) may lie. */
    public static final int MAX_YEARS_AHEAD = 2;

    public static final String RULE = "DateRange";
    public static final String END_BEFORE_START = "EndBeforeStart";

    private DateRange() {
    }

    /** Something that happened: from 1900 up to today. */
    public static LocalDate past(String field, LocalDate date, LocalDate today) {
        return within(field, date, EARLIEST, today);
    }

    /** Something planned: from {@code earliest} up to {@link #MAX_YEARS_AHEAD} years after today. */
    public static LocalDate ahead(String field, LocalDate date, LocalDate earliest, LocalDate today) {
        return within(field, date, earliest, today.plusYears(MAX_YEARS_AHEAD));
    }

    public static LocalDate within(String field, LocalDate date, LocalDate earliest, LocalDate latest) {
        if (date != null && (date.isBefore(earliest) || date.isAfter(latest))) {
            throw new InvalidRequest(field, RULE, "must be from " + earliest + " to " + latest + ", was " + date);
        }
        return date;
    }

    /** An end, if any, on or after its start. */
    public static void endNotBeforeStart(String endField, LocalDate start, LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidRequest(endField, END_BEFORE_START, "must not be before the start, " + start);
        }
    }
}
