package org.iecmh.endorsement.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How long and how much the benchmark measures; {@code bench/run --help} lists the options. */
record Settings(Duration warmUp, Duration window, List<Integer> concurrencies, int longStream, int samples,
                int ingest, int endorsees, int searches, Set<String> only) {

    /** The measurements, in the order they run, by the names {@code --only} takes. */
    static final List<String> MEASUREMENTS = List.of("commands", "import", "long-stream", "state-at", "rebuild",
            "visibility", "ingest", "registry-rebuild", "search");

    static final String USAGE = """
            options (each bounded; the defaults are what the README's table was made with):
              --window-seconds S     measured window of each load (10)
              --warm-up-seconds S    load before each window; only answers from the window on count (10)
              --concurrency 1,8,64   workers of the command and commit loads
              --long-stream N        events of the long aggregate (1000)
              --samples N            timed repetitions of each single-request measurement (30)
              --ingest N             EndorsementGranted events published for the ingest (10000)
              --endorsees N          registry size for the search (100000)
              --searches N           timed searches, each way (300)
              --only a,b             only these measurements, in their usual order (all of them):
                                     commands, import, long-stream, state-at (runs long-stream first: it finds
                                     or builds the long application), rebuild, visibility, ingest,
                                     registry-rebuild, search""";

    static Settings parse(List<String> arguments) {
        Settings settings = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(10), List.of(1, 8, 64), 1000, 30,
                10_000, 100_000, 300, Set.of());
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            String value = i + 1 < arguments.size() ? arguments.get(i + 1) : null;
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            i++;
            settings = switch (option) {
                case "--window-seconds" -> settings.with(Duration.ofSeconds(bounded(value, 1, 600)), null, null);
                case "--warm-up-seconds" -> settings.with(null, Duration.ofSeconds(bounded(value, 0, 120)), null);
                case "--concurrency" -> settings.with(null, null, List.of(value.split(",")).stream()
                        .map(c -> bounded(c, 1, 256)).toList());
                case "--long-stream" -> settings.withCounts(bounded(value, 2, 20_000), -1, -1, -1, -1);
                case "--samples" -> settings.withCounts(-1, bounded(value, 3, 10_000), -1, -1, -1);
                case "--ingest" -> settings.withCounts(-1, -1, bounded(value, 10, 1_000_000), -1, -1);
                case "--endorsees" -> settings.withCounts(-1, -1, -1, bounded(value, 1, 5_000_000), -1);
                case "--searches" -> settings.withCounts(-1, -1, -1, -1, bounded(value, 10, 100_000));
                case "--only" -> settings.withOnly(measurements(value));
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            };
        }
        return settings;
    }

    /** Whether the measurement named {@code name} (one of {@link #MEASUREMENTS}) is to run. */
    boolean runs(String name) {
        if (!MEASUREMENTS.contains(name)) {
            throw new IllegalArgumentException("No measurement is named " + name);
        }
        return only.isEmpty() || only.contains(name)
                || name.equals("long-stream") && only.contains("state-at");
    }

    private static Set<String> measurements(String value) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (!MEASUREMENTS.contains(trimmed)) {
                throw new IllegalArgumentException("No measurement is named " + trimmed + "; the names are "
                        + String.join(", ", MEASUREMENTS));
            }
            names.add(trimmed);
        }
        return Set.copyOf(names);
    }

    private Settings withOnly(Set<String> newOnly) {
        return new Settings(warmUp, window, concurrencies, longStream, samples, ingest, endorsees, searches, newOnly);
    }

    private Settings with(Duration newWindow, Duration newWarmUp, List<Integer> newConcurrencies) {
        return new Settings(newWarmUp != null ? newWarmUp : warmUp, newWindow != null ? newWindow : window,
                newConcurrencies != null ? newConcurrencies : concurrencies, longStream, samples, ingest, endorsees,
                searches, only);
    }

    private Settings withCounts(int newLongStream, int newSamples, int newIngest, int newEndorsees, int newSearches) {
        return new Settings(warmUp, window, concurrencies, newLongStream > 0 ? newLongStream : longStream,
                newSamples > 0 ? newSamples : samples, newIngest > 0 ? newIngest : ingest,
                newEndorsees > 0 ? newEndorsees : endorsees, newSearches > 0 ? newSearches : searches, only);
    }

    private static int bounded(String value, int min, int max) {
        int number = Integer.parseInt(value.trim());
        if (number < min || number > max) {
            throw new IllegalArgumentException(value + " is not between " + min + " and " + max);
        }
        return number;
    }
}
