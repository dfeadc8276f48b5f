package org.iecmh.endorsement.registry;

import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each client may ask the public registry only so often; time stands still here, so the minute never ends. */
@SpringBootTest(classes = {RegistryServiceApplication.class, PublicRateLimitTest.StoppedClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RegistryServiceApplication.NAME,
                "iecmh.registry.rate-limit.requests-per-minute=5",
                "spring.main.allow-bean-definition-overriding=true"})
@WithRealInfrastructure
class PublicRateLimitTest {

    @LocalServerPort
    int port;

    @TestConfiguration
    static class StoppedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:15Z"), ZoneOffset.UTC);
        }
    }

    @Test
    void aClientThatAsksTooOftenIsToldToWaitWhileOthersAreServed() throws Exception {
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(search("203.0.113.7").statusCode());
        }
        HttpResponse<String> refused = search("203.0.113.7");
        HttpResponse<String> spoofed = search("198.51.100.1, 203.0.113.7");
        HttpResponse<String> another = search("203.0.113.8");

        assertThat(first).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("45");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":429");
        assertThat(spoofed.statusCode()).as("an address the client claims does not make it another client")
                .isEqualTo(429);
        assertThat(another.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> search(String forwardedFor) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/registry/endorsees?name=zoe"))
                .header("X-Forwarded-For", forwardedFor).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
