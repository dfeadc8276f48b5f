package org.iecmh.endorsement.kit.security;

import org.iecmh.endorsement.headertext.HeaderText;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.iecmh.endorsement.kit.web.ActorArgumentResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

import java.time.Clock;

/**
 * Every service is an OAuth2 resource server: it validates the caller's JWT itself (signature against the
 * issuer's published keys, issuer, lifetime, and that it is an access token) and never trusts identity headers. The public registry, health
 * probes, API descriptions and the Prometheus scrape need no token (on Kubernetes the actuator has a port of its
 * own that only the kubelet and the monitoring namespace reach); everything else does. Which tenant and role a caller acts in is
 * decided per request by {@link org.iecmh.endorsement.kit.web.ActorArgumentResolver} from the token's grants.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
public class ResourceServerAutoConfiguration {

    /**
     * Access tokens only: Spring Boot adds this to the issuer, lifetime and audience checks of the decoder it makes,
     * in place of its default, which accepts any JWT of the issuer (an ID token too).
     */
    @Bean
    OAuth2TokenValidator<Jwt> accessTokensOnly(SecurityProperties properties) {
        return new JwtTypeValidator(properties.accessTokenTypes());
    }

    /**
     * Each token verified once while it is valid. Token lifetimes are the issuer's wall-clock time, whatever
     * {@code Clock} the service's rules run on.
     */
    @Bean
    static BeanPostProcessor verifiedTokens(@Value("${iecmh.security.verified-tokens:10000}") int capacity) {
        return VerifiedTokens.wrapping(Clock.systemUTC(), capacity);
    }

    /**
     * Security filters, authentications and authorizations are not observed one by one: the request's own observation
     * (its trace span and timer) covers them, and a span per filter cost about a tenth of a command's CPU.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The bearer token of the Authorization header, taken without a regular expression. */
    @Bean
    BearerTokenResolver bearerTokens() {
        return new AuthorizationBearerToken();
    }

    /**
     * The strict firewall, its checks of header names, header values and parameter names made by {@link HeaderText}
     * (the same rule as its regular expressions, at a fraction of the CPU).
     */
    @Bean
    WebSecurityCustomizer headerTextFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderText::isAllowedValue);
        firewall.setAllowedParameterNames(HeaderText::isAllowedName);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain resourceServer(HttpSecurity http, SecurityProperties properties) throws Exception {
        AuthenticationEntryPoint unauthenticated = problemEntryPoint();
        AccessDeniedHandler denied = problemAccessDenied();
        AuthorizationManager<RequestAuthorizationContext> granted = tenantGranted(properties);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(properties.protectedPaths().toArray(String[]::new)).access(granted)
                        .requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .requestMatchers(properties.additionalPublicPaths().toArray(String[]::new)).permitAll()
                        .anyRequest().access(granted))
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied));
        return http.build();
    }

    /**
     * A validated token, and where the request names a tenant ({@code X-Tenant-Id}), one the token grants: refused
     * here already, whatever the endpoint, so that no handler ever runs for an ungranted tenant.
     */
    private static AuthorizationManager<RequestAuthorizationContext> tenantGranted(SecurityProperties properties) {
        return (authentication, context) -> {
            if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
                return new AuthorizationDecision(false);
            }
            String tenant = context.getRequest().getHeader(ActorArgumentResolver.TENANT_HEADER);
            return new AuthorizationDecision(tenant == null || tenant.isBlank()
                    || !TenantGrants.of(token.getToken(), properties.tenantsClaim()).rolesIn(tenant.strip()).isEmpty());
        };
    }

    private static AuthenticationEntryPoint problemEntryPoint() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            // Status and WWW-Authenticate as RFC 6750 says; the body as RFC 9457 says.
            bearer.commence(request, response, exception);
            ProblemResponses.write(response, response.getStatus(), ProblemResponses.UNAUTHENTICATED,
                    "Who is asking?", "A valid bearer token is required: " + exception.getMessage());
        };
    }

    private static AccessDeniedHandler problemAccessDenied() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            ProblemResponses.write(response, response.getStatus(), ProblemResponses.FORBIDDEN, "Not allowed",
                    "The token does not grant the tenant this request names");
        };
    }
}
