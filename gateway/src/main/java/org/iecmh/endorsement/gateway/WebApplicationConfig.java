package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /web-config.json}: when card payments are offered, the card processor's publishable key and library.
 * Nothing in it is secret.
 */
@Configuration
@EnableConfigurationProperties(WebApplicationSettings.class)
class WebApplicationConfig {

    @Bean
    RouterFunction<ServerResponse> webApplicationConfiguration(WebApplicationSettings settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("card", settings.card().offered()
                ? Map.of("publishableKey", settings.card().publishableKey(), "scriptUrl", settings.card().scriptUrl())
                : null);
        return RouterFunctions.route().GET("/web-config.json", request -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noCache()).bodyValue(body)).build();
    }
}
