package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * What the gateway lets through without a token, which origins may call it from a browser, and how much public
 * traffic one client may send ({@code iecmh.gateway.*}).
 *
 * @param publicPaths                   paths anyone may call (the registry, health probes, the card webhook, the
 *                                      reference form behind a rater's mailed link, the list of associations; the
 *                                      Prometheus scrape, which
 *                                      Kubernetes serves on the management port only)
 * @param protectedPaths                paths that need a token even under a public path (checked first)
 * @param webPaths                      the web application's pages, scripts, styles, messages and example files:
 *                                      public, served with a policy that lets them load only from the gateway
 *                                      itself, and not counted against the public rate limit (a page load is
 *                                      several requests)
 * @param webUiOrigins                  browser origins allowed by CORS
 * @param publicRequestsPerMinute       requests one client address may send to the rate-limited paths per minute
 * @param rateLimitedPaths              the public paths that limit counts: the registry's search and verification,
 *                                      and the card webhook; not the health probes, nor the rating form behind a
 *                                      rater's link
 * @param trustedProxies                how many proxies in front of the gateway append to {@code X-Forwarded-For}
 *                                      (0: clients connect directly, their socket address is the client; 1: one
 *                                      load balancer, whose last entry is the client; and so on)
 * @param accessTokenTypes              the JOSE {@code typ} an access token must have: {@code at+jwt} (RFC 9068), so
 *                                      that an ID token of the same issuer is refused
 * @param issuerTimeout                 how long the sign-in provider may take to begin answering for its discovery
 *                                      document or keys; past it the token is refused (401), the request not held
 */
@ConfigurationProperties("iecmh.gateway")
public record GatewaySecurityProperties(
        @DefaultValue({"/actuator/health/**", "/actuator/prometheus", "/api/registry/**",
                "/api/payments/card-webhooks", "/api/references/**", "/api/supervision-confirmations/**",
                "/api/associations"})
        List<String> publicPaths,
        @DefaultValue("/api/registry/admin/**") List<String> protectedPaths,
        @DefaultValue({"/", "/*.html", "/css/**", "/js/**", "/i18n/**", "/examples/**", "/favicon.svg",
                "/web-config.json"}) List<String> webPaths,
        @DefaultValue("http://localhost:5173") List<String> webUiOrigins,
        @DefaultValue("300") int publicRequestsPerMinute,
        @DefaultValue({"/api/registry/**", "/api/payments/card-webhooks"}) List<String> rateLimitedPaths,
        @DefaultValue("0") int trustedProxies,
        @DefaultValue("at+jwt") List<String> accessTokenTypes,
        @DefaultValue("5s") Duration issuerTimeout) {

    public GatewaySecurityProperties {
        if (trustedProxies < 0) {
            throw new IllegalArgumentException("iecmh.gateway.trusted-proxies must be 0 or more, not " + trustedProxies);
        }
    }
}
