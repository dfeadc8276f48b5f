package org.iecmh.endorsement.kit.jdbc;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;

import javax.sql.DataSource;

/** Spring's JdbcTemplate, binding the arguments of its statements as {@link BoundArguments} does. */
public class ServiceJdbcTemplate extends JdbcTemplate {

    public ServiceJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected PreparedStatementSetter newArgPreparedStatementSetter(Object[] args) {
        return new BoundArguments(args);
    }
}
