package org.iecmh.endorsement.kit.mail;

import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.kit.association.AssociationsAutoConfiguration;
import org.iecmh.endorsement.kit.eventstore.EventStoreAutoConfiguration;
import org.iecmh.endorsement.kit.eventstore.ServiceKitSchema;
import org.iecmh.endorsement.kit.time.ClockAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.ClassUtils;

import java.time.Clock;
import java.time.Duration;

/** The outbox and its delivery, in a service that has an SMTP relay ({@code spring.mail.host}). */
@AutoConfiguration(after = {MailSenderAutoConfiguration.class, EventStoreAutoConfiguration.class,
        ClockAutoConfiguration.class, AssociationsAutoConfiguration.class})
@ConditionalOnBean(JavaMailSender.class)
public class MailAutoConfiguration {

    @Bean
    public MailOutbox mailOutbox(ServiceKitSchema schemaReady, JdbcTemplate jdbc, Clock clock,
                                 @Value("${iecmh.mail.from:endorsement@localhost}") String from) {
        return new MailOutbox(jdbc, clock, from);
    }

    /** Named apart from association-service's aggregate of the same name, which is a bean there too. */
    @Bean
    public MailPreferences keptMailPreferences(ServiceKitSchema schemaReady, JdbcTemplate jdbc) {
        return new MailPreferences(jdbc);
    }

    @Bean
    public MailTemplates mailTemplates() {
        return new MailTemplates();
    }

    /** Where the association's people open the pages a mail links to: the gateway's public address. */
    @Bean
    @ConditionalOnBean(Associations.class)
    public Notices notices(MailOutbox outbox, MailTemplates templates, Associations associations,
                           MailPreferences preferences,
                           @Value("${iecmh.mail.link-base:http://localhost:8080}") String linkBase) {
        return new Notices(outbox, templates, associations, preferences, linkBase);
    }

    @Bean
    public MailRetries mailRetries(@Value("${iecmh.mail.first-retry-after:PT1M}") Duration first,
                                   @Value("${iecmh.mail.longest-retry-after:PT1H}") Duration longest,
                                   @Value("${iecmh.mail.attempts:8}") int attempts) {
        return new MailRetries(first, longest, attempts);
    }

    @Bean
    public MailDelivery mailDelivery(ServiceKitSchema schemaReady, JdbcTemplate jdbc, JavaMailSender smtp, Clock clock,
                                     MailRetries retries,
                                     @Value("${iecmh.mail.claim-for:PT5M}") Duration claimFor,
                                     @Value("${iecmh.mail.deliver-every:PT2S}") Duration every) {
        nameTheStreamProvider();
        return new MailDelivery(jdbc, smtp, clock, retries, claimFor, every);
    }

    /** The system property Jakarta Mail reads first for its stream provider, and the provider of Angus Mail. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    /**
     * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader each time it builds or writes a MIME part, a
     * search of every jar of the class path: under load that search took a fifth of a service's processor time. Named
     * in the system property it reads first, the provider is loaded at once. A name given already is kept.
     */
    static void nameTheStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null
                && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, MailAutoConfiguration.class.getClassLoader())) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
    }

    @Bean
    @ConditionalOnProperty("iecmh.mail.path")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    MailResource mailResource(MailOutbox outbox) {
        return new MailResource(outbox);
    }
}
