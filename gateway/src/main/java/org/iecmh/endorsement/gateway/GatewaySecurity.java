package org.iecmh.endorsement.gateway;

import org.iecmh.endorsement.headertext.HeaderText;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

import java.time.Duration;
import java.util.List;

/**
 * The gateway is an OAuth2 resource server: it validates each bearer token (signature against the issuer's keys,
 * issuer, lifetime) before routing, and relays the same {@code Authorization} header to the service, which checks
 * it again. Public paths need no token; a token that is sent must still be valid. Adds CORS for the web UI and
 * security headers to every answer. The web application's static files are public and have a chain of their own,
 * whose Content-Security-Policy lets a page load scripts, styles and data from the gateway only (no inline script),
 * besides calling the sign-in provider and, where card payments are offered, the card processor's library.
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(GatewaySecurityProperties.class)
class GatewaySecurity {

    static final String UNIDENTIFIED = "urn:iecmh:problem:unidentified-caller";
    static final String FORBIDDEN = "urn:iecmh:problem:forbidden";

    /**
     * Security filters, authentications and authorizations are not observed one by one: the request's own observation
     * (its trace span and timer) covers them, and a span per filter cost about a tenth of a command's CPU.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The strict firewall, its checks of header names, header values and parameter names made by {@link HeaderText}
     * (the same rule as its regular expressions, at a fraction of the CPU).
     */
    @Bean
    ServerWebExchangeFirewall headerTextFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderText::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderText::isAllowedValue);
        firewall.setAllowedParameterNames(HeaderText::isAllowedName);
        return firewall;
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain webApplicationFilterChain(ServerHttpSecurity http, GatewaySecurityProperties properties,
                                                     WebApplicationSettings web) {
        String[] webPaths = properties.webPaths().toArray(String[]::new);
        http.securityMatcher(ServerWebExchangeMatchers.matchers(
                        ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, webPaths),
                        ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, webPaths)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(web.contentSecurityPolicy()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain gatewayFilterChain(ServerHttpSecurity http, GatewaySecurityProperties properties) {
        ServerAuthenticationEntryPoint unauthenticated = GatewaySecurity::unauthenticated;
        ServerAccessDeniedHandler denied = (exchange, exception) -> Problems.write(exchange.getResponse(), 403,
                FORBIDDEN, "Not allowed", "The token does not allow this request");
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(properties.protectedPaths().toArray(String[]::new)).authenticated()
                        .pathMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /**
     * Access tokens only: Spring Boot adds this to the issuer, lifetime and audience checks of the decoder it makes,
     * in place of its default, which accepts any JWT of the issuer (an ID token too).
     */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokensOnly(GatewaySecurityProperties properties) {
        return new JwtTypeValidator(properties.accessTokenTypes());
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.webUiOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Tenant-Id", "X-Role",
                "X-Request-Id", "Idempotency-Key", HttpHeaders.IF_NONE_MATCH));
        cors.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /** 401 with the RFC 6750 challenge and an RFC 9457 body. */
    private static Mono<Void> unauthenticated(ServerWebExchange exchange, AuthenticationException exception) {
        String challenge = "Bearer";
        if (exception instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError bearer) {
            challenge = "Bearer error=\"" + bearer.getErrorCode() + "\"";
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return Problems.write(exchange.getResponse(), 401, UNIDENTIFIED, "Who is asking?",
                "A valid bearer token is required");
    }
}
