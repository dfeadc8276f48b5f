package org.iecmh.endorsement.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: each figure of the platform beside the physical limit measured in the same run on the
 * same machine, and their ratio. For a rate the ratio is the figure as a share of the limit (higher is better); for a
 * time it is how many times the limit the figure takes (lower is better).
 */
final class Table {

    /** One line of the table, every cell already written. */
    record Row(String measurement, String figure, String limit, String ratio, String goal, String detail) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A rate (per second) against the limit's rate. */
    static Row rate(String measurement, double perSecond, String limitName, double limitPerSecond, String goal,
                    String detail) {
        return new Row(measurement, perSecond(perSecond), limitName + ": " + perSecond(limitPerSecond),
                percent(perSecond, limitPerSecond), goal, detail);
    }

    /** A time (milliseconds) against the limit's time. */
    static Row time(String measurement, double millis, String limitName, double limitMillis, String goal,
                    String detail) {
        return new Row(measurement, millis(millis), limitName + ": " + millis(limitMillis), times(millis, limitMillis),
                goal, detail);
    }

    /** A measurement that could not be made, and why. */
    static Row failed(String measurement, String why) {
        return new Row(measurement, "failed", "", "", "", why.replace('|', '/').replace('\n', ' '));
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| measurement | figure | physical limit (same run) | ratio | goal | detail |\n");
        out.append("|---|---:|---|---:|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(String.join(" | ", row.measurement(), row.figure(), row.limit(), row.ratio(),
                    row.goal(), row.detail())).append(" |\n");
        }
        return out.toString();
    }

    static String perSecond(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f/s" : "%,.1f/s", value);
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f ms" : value >= 10 ? "%.1f ms" : "%.2f ms", value);
    }

    static String percent(double part, double whole) {
        if (Double.isNaN(part) || Double.isNaN(whole) || whole == 0) {
            return "n/a";
        }
        double share = 100 * part / whole;
        return String.format(Locale.ROOT, share >= 10 ? "%.0f%%" : "%.1f%%", share);
    }

    static String times(double value, double limit) {
        if (Double.isNaN(value) || Double.isNaN(limit) || limit == 0) {
            return "n/a";
        }
        double ratio = value / limit;
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.1f×", ratio);
    }

    static String number(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }
}
