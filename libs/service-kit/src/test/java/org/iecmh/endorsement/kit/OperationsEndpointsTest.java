package org.iecmh.endorsement.kit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.iecmh.endorsement.kit.messaging.IntegrationEventRelay;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.testkit.LocalIssuer;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Kubernetes, Prometheus and a trace collector ask of every service: probes, graceful shutdown, metrics without a
 * token, and the trace context passed on.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class OperationsEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void livenessIsTheApplicationsOwnStateAndReadinessNeedsTheDatabase(@Autowired HealthEndpointGroups groups)
            throws Exception {
        assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
        assertThat(groups.get("liveness").isMember("db")).isFalse();
        assertThat(groups.get("liveness").isMember("binders")).isFalse();
        assertThat(groups.get("readiness").isMember("db")).isTrue();

        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void shutdownIsGracefulWithinTwentySeconds() {
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("20s");
    }

    @Test
    void tracesArePropagatedButNotExportedWithoutACollector(@Autowired ObservationRegistry observations,
                                                          @Autowired ApplicationContext context) {
        Map<String, String> carrier = new HashMap<>();
        SenderContext<Map<String, String>> sending = new SenderContext<>(Map::put);
        sending.setCarrier(carrier);
        Observation.createNotStarted("a-send", () -> sending, observations).observe(() -> { });

        // Sampled or not (a share of traces is recorded), the context travels.
        assertThat(carrier.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(context.getBeanNamesForType(SpanExporter.class)).as("no collector, no exporter").isEmpty();
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.enable-observation")).isEqualTo("true");
    }

    @Test
    void prometheusScrapesTheProcessorLagWithoutAToken() throws Exception {
        get("/actuator/health/liveness");
        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("axon_processor_lag_events{processor=\"" + IntegrationEventRelay.PROCESSING_GROUP + "\"")
                .contains("spring_cloud_stream_binder_kafka_offset")
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests");
    }

    @Test
    void theProcessorLagCountsStoredEventsTheRelayHasNotPublishedYet(
            @Autowired EventProcessingConfiguration processing, @Autowired MeterRegistry meters) throws Exception {
        TrackingEventProcessor relay = processing.eventProcessor(IntegrationEventRelay.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        Gauge lag = meters.get("axon.processor.lag").tag("processor", IntegrationEventRelay.PROCESSING_GROUP).gauge();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.value() == 0.0);

        relay.shutDown();
        try {
            store("lag-1");
            store("lag-2");
            assertThat(lag.value()).as("two events stored while the relay is stopped").isEqualTo(2.0);
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.value() == 0.0);
    }

    private void store(String person) throws IOException, InterruptedException {
        String token = LocalIssuer.instance().token("ma", "applicant-7", "APPLICANT");
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/samples"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("X-Tenant-Id", "ma")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"personId\":\"" + person + "\",\"name\":\"n\",\"category\":\"IMHS\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
