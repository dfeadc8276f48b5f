package org.iecmh.endorsement.kit.sample;

import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.kit.messaging.Inbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Consumes the sample's own integration events back, recording each in a table, through the inbox. */
@Configuration
public class SampleConsumer {

    static final String CONSUMER = "kit-test";
    /** People whose submissions the consumer fails on for now: a test's stand-in for a bug not fixed yet. */
    public static final Set<String> FAILING_FOR = ConcurrentHashMap.newKeySet();

    @Bean
    Consumer<Message<byte[]>> sampleEvents(Inbox inbox, JdbcTemplate jdbc) {
        return message -> inbox.receive(CONSUMER, message, received -> {
            if (received.event() instanceof ApplicationSubmitted submitted) {
                if (FAILING_FOR.contains(submitted.personId())) {
                    throw new IllegalStateException("Failing for " + submitted.personId() + " for now");
                }
                jdbc.update("INSERT INTO received_submission (application_id, tenant_id) VALUES (?, ?)",
                        submitted.applicationId(), submitted.tenantId());
            }
        });
    }
}
