package org.iecmh.endorsement.gateway;

import org.iecmh.endorsement.headertext.HeaderText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.WebSession;
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

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The gateway is an OAuth2 resource server: it validates each bearer token (signature against the issuer's keys,
 * issuer, lifetime) before routing, and relays the same {@code Authorization} header to the service, which checks
 * it again. Public paths need no token; a token that is sent must still be valid. For the web application it is also
 * the OAuth2 client that signs people in and keeps their tokens in its session ({@link BrowserSessions}): a call that
 * the session cookie authenticates must carry the session's CSRF token when it changes anything, and signing out
 * ({@code POST /logout}) revokes the session's tokens at the provider, ends the session and the provider's. Adds CORS
 * and security headers to every answer. The web application's static files are public and have a chain of their
 * own, whose Content-Security-Policy lets a page load scripts, styles and data from the gateway only (no inline
 * script), besides, where card payments are offered, the card processor's library.
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties(GatewaySecurityProperties.class)
class GatewaySecurity {

    static final String UNIDENTIFIED = "urn:iecmh:problem:unidentified-caller";
    static final String FORBIDDEN = "urn:iecmh:problem:forbidden";
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

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
                // A page tells no other site where it came from; the gateway itself sees its own origin on a form's
                // post (sign-out), which no-referrer would send as "null", a cross-origin request.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(web.contentSecurityPolicy()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain gatewayFilterChain(ServerHttpSecurity http, GatewaySecurityProperties properties,
                                              ReactiveClientRegistrationRepository registrations,
                                              ServerOAuth2AuthorizedClientRepository clients,
                                              ReactorResourceFactory eventLoops,
                                              @Value("${server.reactive.session.cookie.name:SESSION}") String sessionCookie) {
        ServerAuthenticationEntryPoint unauthenticated = GatewaySecurity::unauthenticated;
        ServerAccessDeniedHandler denied = (exchange, exception) -> Problems.write(exchange.getResponse(), 403,
                FORBIDDEN, "Not allowed", "The token does not allow this request");
        DefaultServerOAuth2AuthorizationRequestResolver signIn = new DefaultServerOAuth2AuthorizationRequestResolver(
                registrations);
        signIn.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedServerLogoutSuccessHandler signedOut =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        signedOut.setLogoutSuccessUrl(URI.create("/"));
        http.csrf(csrf -> csrf
                        // Only a call the browser's session cookie authenticates can be forged by another site; a
                        // bearer token is sent by its holder, and a public path grants nothing.
                        .requireCsrfProtectionMatcher(exchange -> sessionCall(exchange, sessionCookie,
                                properties.publicPaths()))
                        // The page reads the token from GET /session and sends it as it is (X-CSRF-TOKEN, or _csrf in
                        // the sign-out form); it is kept in the session, never in a cookie.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler((exchange, refused) -> Problems.write(exchange.getResponse(), 403,
                                FORBIDDEN, "Not allowed", "The request lacks the session's CSRF token")))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .requestCache(cache -> cache.disable())
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/session").permitAll()
                        .pathMatchers(properties.protectedPaths().toArray(String[]::new)).authenticated()
                        .pathMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(clients)
                        .authorizationRequestResolver(signIn)
                        // A new session id once signed in, then back to the sign-in page, which goes on to the page
                        // that asked.
                        .authenticationSuccessHandler(new DelegatingServerAuthenticationSuccessHandler(
                                (exchange, authentication) -> exchange.getExchange().getSession()
                                        .flatMap(WebSession::changeSessionId),
                                new RedirectServerAuthenticationSuccessHandler("/signin.html?signedIn")))
                        .authenticationFailureHandler(
                                new RedirectServerAuthenticationFailureHandler("/signin.html?refused")))
                .logout(logout -> logout
                        .logoutHandler(handlers -> {
                            handlers.add(0, new TokenRevocation(clients, eventLoops));
                            handlers.add(new WebSessionServerLogoutHandler());
                        })
                        .logoutSuccessHandler(signedOut))
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

    /** A state-changing call that only the session cookie can have authenticated, to a path that is not public. */
    private static Mono<MatchResult> sessionCall(ServerWebExchange exchange, String sessionCookie,
                                                 List<String> publicPaths) {
        ServerHttpRequest request = exchange.getRequest();
        boolean changes = !SAFE_METHODS.contains(request.getMethod());
        boolean withCookie = request.getCookies().containsKey(sessionCookie);
        boolean withToken = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        if (!changes || !withCookie || withToken) {
            return MatchResult.notMatch();
        }
        return ServerWebExchangeMatchers.pathMatchers(publicPaths.toArray(String[]::new)).matches(exchange)
                .flatMap(isPublic -> isPublic.isMatch() ? MatchResult.notMatch() : MatchResult.match());
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
