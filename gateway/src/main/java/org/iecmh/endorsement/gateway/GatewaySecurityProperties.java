package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * What the gateway lets through without a token, which origins may call it from a browser, and how much public
 * traffic one client may send ({@code iecmh.gateway.*}).
 *
 * @param publicPaths                   paths anyone may call (the registry, health probes, the card webhook; the
 *                                      Prometheus scrape, which Kubernetes serves on the management port only)
 * @param protectedPaths                paths that need a token even under a public path (checked first)
 * @param webUiOrigins                  browser origins allowed by CORS
 * @param publicRequestsPerMinute       requests one client address may send to public paths per minute
 */
@ConfigurationProperties("iecmh.gateway")
public record GatewaySecurityProperties(
        @DefaultValue({"/actuator/health/**", "/actuator/prometheus", "/api/registry/**",
                "/api/payments/card-webhooks"})
        List<String> publicPaths,
        @DefaultValue("/api/registry/admin/**") List<String> protectedPaths,
        @DefaultValue("http://localhost:5173") List<String> webUiOrigins,
        @DefaultValue("300") int publicRequestsPerMinute) {
}
