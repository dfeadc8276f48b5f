package org.iecmh.endorsement.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.iecmh.endorsement.testkit.OidcSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.BadJwtException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local provider signs demo users in with PKCE and issues tokens that any resource server can validate. */
class IdentityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext identity;
    private static String issuer;

    @BeforeAll
    static void start() {
        int port = freePort();
        issuer = "http://localhost:" + port;
        identity = IdentityApplication.application().run("--server.port=" + port);
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    @Test
    void aDemoUserSignsInWithPkceAndGetsATokenThatGrantsTheirTenantAndRole() {
        String token = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-wa", DemoUsers.PASSWORD);

        // Validated as a service validates it: discovery, published keys, signature, issuer, lifetime, type.
        Jwt jwt = accessTokens().decode(token);

        assertThat(jwt.getSubject()).isEqualTo("coordinator-wa");
        assertThat(jwt.getIssuer()).hasToString(issuer);
        assertThat(jwt.getClaimAsMap("tenants")).isEqualTo(Map.of("wa", List.of("COORDINATOR")));
    }

    @Test
    void aDemoUsersAccessTokenCarriesTheirVerifiedEmailAddress() {
        Jwt jwt = accessTokens().decode(new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("endorsee-wa", DemoUsers.PASSWORD));

        assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt");
        assertThat(jwt.getClaimAsString("email")).isEqualTo("endorsee-wa@example.org");
        assertThat(jwt.getClaimAsBoolean("email_verified")).isTrue();
    }

    @Test
    void anUnverifiedDemoUsersAccessTokenSaysTheirAddressIsNotVerified() {
        Jwt jwt = accessTokens().decode(new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("unverified-wa", DemoUsers.PASSWORD));

        assertThat(jwt.getClaimAsString("email")).isEqualTo("unverified-wa@example.org");
        assertThat(jwt.getClaimAsBoolean("email_verified")).isFalse();
    }

    @Test
    void theOperatorIsPlatformAdministratorInEveryAssociation() {
        Jwt jwt = accessTokens().decode(
                new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback").accessToken("operator", DemoUsers.PASSWORD));

        assertThat(jwt.getClaimAsMap("tenants"))
                .isEqualTo(Map.of("ma", List.of("PLATFORM_ADMIN"), "wa", List.of("PLATFORM_ADMIN")));
    }

    @Test
    void anAccessTokenIsTypedAsOneAndAnIdTokenIsNeitherTypedSoNorGrantsTenants() {
        JsonNode tokens = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .tokens("coordinator-ma", DemoUsers.PASSWORD);
        String accessToken = tokens.get("access_token").asText();
        String idToken = tokens.get("id_token").asText();

        assertThat(accessTokens().decode(accessToken).getHeaders()).containsEntry("typ", "at+jwt");
        Jwt id = JwtDecoders.fromIssuerLocation(issuer).decode(idToken);
        assertThat(id.getHeaders().get("typ")).isNotEqualTo("at+jwt");
        assertThat(id.getClaims()).doesNotContainKey("tenants");
        assertThatThrownBy(() -> accessTokens().decode(idToken)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("typ");
    }

    @Test
    void theProvidersUserInfoAnswersTheAccessTokensItIssues() throws Exception {
        String token = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("coordinator-wa", DemoUsers.PASSWORD);

        HttpResponse<String> userInfo = userInfo(token);

        assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
        assertThat(JSON.readTree(userInfo.body()).get("sub").asText()).isEqualTo("coordinator-wa");
    }

    @Test
    void theProvidersUserInfoRefusesAnIdTokenAnExpiredAccessTokenAndOnesItDidNotIssue() throws Exception {
        String idToken = new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .tokens("coordinator-wa", DemoUsers.PASSWORD).get("id_token").asText();
        @SuppressWarnings("unchecked")
        JWKSource<SecurityContext> ownKeys = identity.getBean(JWKSource.class);
        JWKSource<SecurityContext> otherKeys = new ImmutableJWKSet<>(new JWKSet(
                new RSAKeyGenerator(2048).keyID("not-the-providers").generate()));
        Instant now = Instant.now();

        assertRefused(userInfo(idToken), "an ID token");
        assertRefused(userInfo(accessToken(ownKeys, now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(5)))),
                "an access token that ended five minutes ago");
        assertRefused(userInfo(accessToken(otherKeys, now, now.plus(Duration.ofMinutes(5)))),
                "an access token signed by another key");
        assertRefused(userInfo(accessToken(ownKeys, now, now.plus(Duration.ofMinutes(5)))),
                "an access token with the provider's signature that it never issued");
    }

    private static void assertRefused(HttpResponse<String> userInfo, String token) {
        assertThat(userInfo.statusCode()).as(token).isEqualTo(401);
        // Refused by the bearer token filter (its challenge says why) or, a token it never issued, by the endpoint.
        assertThat(userInfo.headers().firstValue("WWW-Authenticate").orElse("") + userInfo.body()).as(token)
                .contains("invalid_token");
        assertThat(userInfo.body()).as(token).doesNotContain("coordinator-wa");
    }

    /** An access token as the provider's look, for coordinator-wa, signed with a key of {@code keys}. */
    private static String accessToken(JWKSource<SecurityContext> keys, Instant issuedAt, Instant expiresAt) {
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).type(AuthorizationServerConfiguration.ACCESS_TOKEN_TYPE)
                        .build(),
                JwtClaimsSet.builder().issuer(issuer).subject("coordinator-wa").audience(List.of("cli"))
                        .issuedAt(issuedAt).notBefore(issuedAt).expiresAt(expiresAt)
                        .claim("scope", List.of("openid", "profile")).build())).getTokenValue();
    }

    private static HttpResponse<String> userInfo(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer + "/userinfo"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> new OidcSignIn(issuer, "cli", "http://127.0.0.1:8400/callback")
                .accessToken("applicant-ma", "not-the-password"))
                .hasMessageContaining("refused");
    }

    @Test
    void aRedirectThatIsNotRegisteredGetsNoCode() {
        assertThatThrownBy(() -> new OidcSignIn(issuer, "cli", "http://attacker.example/callback")
                .accessToken("applicant-ma", DemoUsers.PASSWORD))
                .hasMessageContaining("No authorization code");
    }

    @Test
    void theGatewaysClientIsConfidentialAndTheProviderOffersRevocationAndSignOut() throws Exception {
        String refresh = "grant_type=refresh_token&refresh_token=unknown";
        HttpResponse<String> withoutSecret = token(refresh + "&client_id=gateway", null);
        HttpResponse<String> withSecret = token(refresh, "gateway:local-gateway-secret");

        assertThat(withoutSecret.statusCode()).isEqualTo(401);
        assertThat(withSecret.statusCode()).isEqualTo(400);
        assertThat(withSecret.body()).contains("invalid_grant");
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.body()).contains("\"end_session_endpoint\"", "\"revocation_endpoint\"");
    }

    private static HttpResponse<String> token(String form, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(basic.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A decoder as the resource servers configure theirs: only access tokens (RFC 9068 type) pass. */
    private static JwtDecoder accessTokens() {
        NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
                new JwtTypeValidator(AuthorizationServerConfiguration.ACCESS_TOKEN_TYPE)));
        return decoder;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
