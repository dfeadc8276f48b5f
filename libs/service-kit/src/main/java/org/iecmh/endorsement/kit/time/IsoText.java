package org.iecmh.endorsement.kit.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the two ISO forms the platform writes into every stored and published event, a day ({@code 2026-12-02}) and
 * an instant in UTC ({@code 2026-12-02T21:30:00.123Z}), digit by digit. The general ISO formatters took a sixth of
 * the time of replaying events. Anything else answers null, for the caller to hand to the general parser, which then
 * answers (or refuses) as it always did.
 */
public final class IsoText {

    private IsoText() {
    }

    /** {@code yyyy-MM-dd}, or null for any other form (a real day only). */
    public static LocalDate localDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        return day(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} with no or one to nine fraction digits, or null for any other form. */
    public static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        LocalDate day = day(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (day == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(day.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static LocalDate day(int year, int month, int day) {
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException notADay) {
            return null;
        }
    }

    /** The number the {@code count} digits from {@code from} spell, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
