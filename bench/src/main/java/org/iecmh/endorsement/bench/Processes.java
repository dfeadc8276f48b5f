package org.iecmh.endorsement.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about the platform's processes: which one listens on a port, the CPU time it and
 * its children used, and its resident memory. Linux only; elsewhere the figures are left out of the table.
 */
final class Processes {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (bench/run passes {@code getconf CLK_TCK}). */
    private static final double TICKS = Double.parseDouble(System.getProperty("bench.clk-tck", "100"));

    private Processes() {
    }

    /** The process listening on a TCP port of this machine, found through its socket's inode. */
    static OptionalLong listeningOn(int port) {
        List<String> inodes = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // local_address is field 1, st (0A = LISTEN) field 3, inode field 9.
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && "0A".equals(fields[3])) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException unreadable) {
                // No such table here (IPv6 off, or not Linux).
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        for (long pid : pids()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    try {
                        if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                            return OptionalLong.of(pid);
                        }
                    } catch (IOException gone) {
                        // Closed meanwhile.
                    }
                }
            } catch (IOException | SecurityException notOurs) {
                // Another user's process, or it ended.
            }
        }
        return OptionalLong.empty();
    }

    /** CPU seconds (user and system) the process has used so far. */
    static double cpuSeconds(long pid) {
        long[] stat = stat(pid);
        return stat == null ? Double.NaN : (stat[1] + stat[2]) / TICKS;
    }

    /**
     * CPU seconds of a process and its children, living or ended: PostgreSQL runs a process per connection, and the
     * time of one that ended is added to its parent's {@code cutime}/{@code cstime} once reaped.
     */
    static double cpuSecondsWithChildren(long pid) {
        long[] parent = stat(pid);
        if (parent == null) {
            return Double.NaN;
        }
        long ticks = parent[1] + parent[2] + parent[3] + parent[4];
        for (long child : pids()) {
            long[] stat = stat(child);
            if (stat != null && stat[0] == pid) {
                ticks += stat[1] + stat[2];
            }
        }
        return ticks / TICKS;
    }

    /** Resident memory now and at its peak ({@code VmRSS}, {@code VmHWM}), in megabytes. */
    static double[] residentMegabytes(long pid) {
        double rss = Double.NaN;
        double peak = Double.NaN;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) / 1024.0;
                }
            }
        } catch (IOException gone) {
            // Leaves NaN.
        }
        return new double[]{rss, peak};
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** ppid, utime, stime, cutime, cstime of {@code /proc/<pid>/stat}; null if it cannot be read. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may hold spaces: the fields that follow start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 of proc(5), state; ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
            return new long[]{Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : proc) {
                pids.add(Long.parseLong(entry.getFileName().toString()));
            }
        } catch (IOException notLinux) {
            // No /proc: nothing found.
        }
        return pids;
    }
}
