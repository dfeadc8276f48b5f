package org.iecmh.endorsement.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A running PostgreSQL server on which tests create databases of their own. */
public abstract class PostgresServer {

    private static final AtomicInteger databases = new AtomicInteger();

    /** JDBC URL of a database on this server. */
    public abstract String jdbcUrl(String database);

    public abstract String username();

    public abstract String password();

    /** Which kind of server this is, for logs and the kit's own test. */
    public abstract String description();

    /**
     * Creates a new, empty database whose name starts with the given hint and returns its name.
     * Every call gets a database of its own, so no test sees another test's rows.
     */
    public String createDatabase(String hint) {
        String name = databaseName(hint, databases.incrementAndGet());
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return name;
    }

    static String databaseName(String hint, int number) {
        String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String suffix = "_" + number;
        int room = 63 - suffix.length();
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(cleaned.length() - room);
        }
        return cleaned + suffix;
    }
}
