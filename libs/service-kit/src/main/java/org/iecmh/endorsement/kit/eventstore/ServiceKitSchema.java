package org.iecmh.endorsement.kit.eventstore;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The tables service-kit itself needs (event store and its hash chain, tokens, sagas, inbox, rebuilds), migrated by Flyway with a history
 * table of their own, so that the kit and each service version their schemas independently. Either history may be
 * the second in an empty database, so each starts from a baseline at version 0 and applies its V1 on.
 */
public final class ServiceKitSchema {

    static final String HISTORY_TABLE = "service_kit_schema_history";

    private ServiceKitSchema() {
    }

    static ServiceKitSchema migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/service-kit")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .javaMigrations(new V4__Chain_stored_events())
                .load()
                .migrate();
        return new ServiceKitSchema();
    }
}
