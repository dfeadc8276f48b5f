package org.iecmh.endorsement.kit.jdbc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;

/**
 * The service's JdbcTemplate: Spring Boot's, set up from the same {@code spring.jdbc.template.*} properties, as a
 * {@link ServiceJdbcTemplate}. Boot's own then stands back, and the NamedParameterJdbcTemplate it makes wraps this one.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
@EnableConfigurationProperties(JdbcProperties.class)
public class JdbcAccessAutoConfiguration {

    @Bean
    @Primary
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnMissingBean(JdbcOperations.class)
    public JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcProperties properties,
                                     ObjectProvider<SQLExceptionTranslator> translator) {
        JdbcTemplate jdbc = new ServiceJdbcTemplate(dataSource);
        JdbcProperties.Template template = properties.getTemplate();
        jdbc.setIgnoreWarnings(template.isIgnoreWarnings());
        jdbc.setFetchSize(template.getFetchSize());
        jdbc.setMaxRows(template.getMaxRows());
        if (template.getQueryTimeout() != null) {
            jdbc.setQueryTimeout((int) template.getQueryTimeout().getSeconds());
        }
        jdbc.setSkipResultsProcessing(template.isSkipResultsProcessing());
        jdbc.setSkipUndeclaredResults(template.isSkipUndeclaredResults());
        jdbc.setResultsMapCaseInsensitive(template.isResultsMapCaseInsensitive());
        translator.ifUnique(jdbc::setExceptionTranslator);
        return jdbc;
    }
}
