package org.iecmh.endorsement.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An association's import of 10,000 endorsees ({@code POST /api/applications/endorsee-imports}, through the gateway):
 * the seconds from sending the file until its progress says it finished, beside the seconds the same PostgreSQL
 * server takes for as many single-row INSERT+COMMITs at the concurrency {@link WritePath} measured nearest above the
 * import's four workers. Also when renewal-service and the registry had every endorsement.
 */
final class EndorseeImport {

    static final int ROWS = 10_000;
    /** application-service's {@code iecmh.imports.parallelism} default. */
    private static final int WORKERS = 4;
    private static final String PATH = "/api/applications/endorsee-imports";
    private static final Pattern FIELD = Pattern.compile("\"(importId|status|imported|unchanged|failed)\":\"?([^,\"}]*)");

    private final Target target;
    private final String run;
    private final WritePath writePath;

    EndorseeImport(Target target, String run, WritePath writePath) {
        this.target = target;
        this.run = run.toUpperCase(Locale.ROOT);
        this.writePath = writePath;
    }

    void measure(Table table) throws Exception {
        String prefix = "MA-B" + run + "-";
        StringBuilder file = new StringBuilder(
                "endorsement_number,name,email,category,endorsed_since,valid_through,status,provides_rsc,ers_add_on\n");
        for (int i = 0; i < ROWS; i++) {
            file.append(prefix).append(String.format(Locale.ROOT, "%05d", i)).append(",\"Bench Endorsee ").append(i)
                    .append(", Imported\",bench").append(run.toLowerCase(Locale.ROOT)).append('-').append(i)
                    .append("@example.org,").append(i % 5 == 0 ? "IMHS" : "IFS")
                    .append(",2015-06-01,2027-12-31,ACTIVE,no,no\n");
        }
        Map<String, String> admin = target.as("admin-ma", "ma");
        Bench.say("importing " + ROWS + " endorsees (" + file.length() / 1024 + " KB) through the gateway");
        long start = System.nanoTime();
        Target.Answer started = target.post(target.url(Target.GATEWAY, PATH), admin, file.toString(), "text/csv");
        if (started.status() != 202) {
            throw new IllegalStateException("The import was not started: " + started.status() + " " + started.body());
        }
        String location = PATH + "/" + field(started.body(), "importId");
        long deadline = start + Duration.ofMinutes(10).toNanos();
        String progress = "";
        double renewalSeconds = Double.NaN;
        double registrySeconds = Double.NaN;
        double importSeconds = Double.NaN;
        while (System.nanoTime() < deadline && (Double.isNaN(importSeconds) || Double.isNaN(renewalSeconds)
                || Double.isNaN(registrySeconds))) {
            double now = (System.nanoTime() - start) / 1e9;
            if (Double.isNaN(importSeconds)) {
                progress = target.get(target.url(Target.GATEWAY, location), target.as("admin-ma", "ma")).body();
                if ("FINISHED".equals(field(progress, "status"))) {
                    importSeconds = now;
                    Bench.say(String.format(Locale.ROOT, "  finished in %.1f s: %s", now, progress.length() > 300
                            ? progress.substring(0, 300) + "..." : progress));
                }
            }
            if (Double.isNaN(renewalSeconds) && count("renewal", "endorsement_view", prefix) == ROWS) {
                renewalSeconds = now;
            }
            if (Double.isNaN(registrySeconds) && count("registry", "registry_entry", prefix) == ROWS) {
                registrySeconds = now;
            }
            Thread.sleep(250);
        }
        ClosedLoop.Result limit = writePath.commitLimitAtOrAbove(WORKERS);
        double limitSeconds = limit == null ? Double.NaN : ROWS / limit.perSecond();
        String limitName = limit == null ? "n/a" : ROWS + " INSERT+COMMIT at c = " + writePath.concurrencyOf(limit);
        table.add(new Table.Row("import of 10,000 endorsees (CSV, through the gateway, until its progress says "
                + "finished)", seconds(importSeconds), limitName + ": " + seconds(limitSeconds),
                Table.times(importSeconds, limitSeconds), "< 60 s",
                String.format(Locale.ROOT, "imported %s, unchanged %s, failed %s; every one in renewal-service "
                                + "after %s, in the registry after %s", field(progress, "imported"),
                        field(progress, "unchanged"), field(progress, "failed"), seconds(renewalSeconds),
                        seconds(registrySeconds))));
    }

    private int count(String database, String table, String prefix) throws SQLException {
        try (Connection connection = target.database(database); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM " + table + " WHERE endorsement_number LIKE ?")) {
            count.setString(1, prefix + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        return "n/a";
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f s", value);
    }
}
