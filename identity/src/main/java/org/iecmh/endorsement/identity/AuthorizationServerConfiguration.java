package org.iecmh.endorsement.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.net.URI;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Spring Authorization Server with two clients, both authorization code with PKCE and no consent screen:
 * {@code gateway}, a confidential client (its secret {@code iecmh.identity.gateway-client-secret}), with which the
 * gateway signs people in for the web application and keeps their tokens (refreshed, revoked on sign-out), and
 * {@code cli}, a public client for curl (its redirect URI need not answer: the code is read from the redirect).
 * Access tokens, typed {@code at+jwt}, carry the user's tenants and roles ({@code iecmh.identity.tenants-claim}) and
 * their email address, with whether it is verified. After signing out (OpenID Connect RP-initiated logout) the
 * browser may return to the gateway's origin.
 */
@Configuration
class AuthorizationServerConfiguration {

    /** The JOSE type of an access token (RFC 9068), which the resource servers require. */
    static final String ACCESS_TOKEN_TYPE = "at+jwt";
    /** The standard OpenID Connect claims of an address and whether the provider verified it. */
    static final String EMAIL_CLAIM = "email";
    static final String EMAIL_VERIFIED_CLAIM = "email_verified";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // A browser that is not signed in yet is sent to the login form.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService demoUsers() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(DemoUsers.all().stream()
                .map(user -> User.withUsername(user.username()).password(encoder.encode(DemoUsers.PASSWORD))
                        .roles("USER").build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(@Value("${iecmh.identity.gateway-redirect-uris}") List<String> gatewayRedirects,
                                       @Value("${iecmh.identity.gateway-client-secret}") String gatewaySecret,
                                       @Value("${iecmh.identity.cli-redirect-uri}") String cliRedirect,
                                       @Value("${iecmh.identity.gateway-access-token-lifetime}") Duration gatewayTokens) {
        List<String> afterSignOut = origins(gatewayRedirects).stream().map(origin -> origin + "/").toList();
        RegisteredClient gateway = client("gateway", gatewayRedirects, afterSignOut, gatewayTokens)
                .clientSecret("{noop}" + gatewaySecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .build();
        RegisteredClient cli = client("cli", List.of(cliRedirect), List.of(), Duration.ofMinutes(30))
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .build();
        return new InMemoryRegisteredClientRepository(gateway, cli);
    }

    /** Scheme, host and port of each URI, once each. */
    static List<String> origins(List<String> uris) {
        return uris.stream().map(URI::create)
                .map(uri -> uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                .distinct().toList();
    }

    private static RegisteredClient.Builder client(String id, List<String> redirectUris, List<String> afterSignOut,
                                                   Duration accessTokenLifetime) {
        return RegisteredClient.withId(UUID.nameUUIDFromBytes(id.getBytes()).toString())
                .clientId(id)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .postLogoutRedirectUris(uris -> uris.addAll(afterSignOut))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                // A refresh token lasts a working day (used again at each refresh), the access token it refreshes less.
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenLifetime)
                        .refreshTokenTimeToLive(Duration.ofHours(8)).reuseRefreshTokens(true).build());
    }

    /**
     * Access tokens are typed {@code at+jwt} (RFC 9068) and carry the user's tenants and roles and their email address
     * and whether it is verified ({@code email}, {@code email_verified}, as OpenID Connect names them); ID tokens are
     * neither typed so nor grant anything, so that no resource server takes an ID token for an access token.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokens(@Value("${iecmh.identity.tenants-claim}") String claim) {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
                DemoUsers.named(context.getPrincipal().getName()).ifPresent(user -> context.getClaims()
                        .claim(claim, user.tenants())
                        .claim(EMAIL_CLAIM, user.email())
                        .claim(EMAIL_VERIFIED_CLAIM, user.emailVerified()));
            }
        };
    }

    /**
     * How the provider's own endpoints that take a bearer token (OpenID Connect user info) read it: an access token of
     * this issuer, typed {@code at+jwt}, within its lifetime; the endpoint then finds the token among those it issued.
     * Without it, the decoder made by default accepts only the type {@code JWT}: the provider refused every access
     * token it issued.
     */
    @Bean
    JwtDecoder accessTokenDecoder(JWKSource<SecurityContext> signingKeys,
                                  @Value("${iecmh.identity.issuer}") String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(signingKeys).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
                new JwtTypeValidator(ACCESS_TOKEN_TYPE)));
        return decoder;
    }

    /** A key made at start: tokens from an earlier run are refused, which is what a local platform wants. */
    @Bean
    JWKSource<SecurityContext> signingKeys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings settings(@Value("${iecmh.identity.issuer}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }
}
