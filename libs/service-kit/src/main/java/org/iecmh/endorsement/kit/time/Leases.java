package org.iecmh.endorsement.kit.time;

import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * Leases on time-driven work, so that one instance at a time does it however many run: an instance takes a name's
 * lease for a while if nobody holds it (or it held it itself), does the work, and gives it back. A lease is a row in
 * the service's database, judged by the database's clock; one whose holder stopped without giving it back expires.
 * No connection keeps anything between statements, so it holds through a transaction-mode pooler.
 */
public class Leases {

    private final JdbcTemplate jdbc;
    private final String holder;

    public Leases(JdbcTemplate jdbc) {
        this(jdbc, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    Leases(JdbcTemplate jdbc, String holder) {
        this.jdbc = jdbc;
        this.holder = holder;
    }

    /** This instance's name among the holders. */
    public String holder() {
        return holder;
    }

    /** Takes the lease on {@code name} for {@code period} if it is free, expired or already this instance's. */
    public boolean tryTake(String name, Duration period) {
        return jdbc.update("""
                INSERT INTO lease (name, holder, held_until) VALUES (?, ?, now() + ? * interval '1 millisecond')
                ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until
                WHERE lease.held_until < now() OR lease.holder = EXCLUDED.holder""",
                name, holder, period.toMillis()) == 1;
    }

    /** Gives the lease on {@code name} back, if this instance holds it. */
    public void giveBack(String name) {
        jdbc.update("UPDATE lease SET held_until = now() WHERE name = ? AND holder = ?", name, holder);
    }

    /** Runs {@code work} if this instance gets the lease on {@code name}, and gives it back after; says whether it ran. */
    public boolean whileHolding(String name, Duration period, Runnable work) {
        if (!tryTake(name, period)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            giveBack(name);
        }
    }
}
