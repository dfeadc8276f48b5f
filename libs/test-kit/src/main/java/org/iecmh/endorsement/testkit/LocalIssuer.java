package org.iecmh.endorsement.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one OpenID Connect issuer of this test JVM, started on first use: it serves its discovery document at
 * {@code /.well-known/openid-configuration} and its public keys at {@code /jwks} over HTTP on localhost, and signs
 * RS256 access tokens, typed {@code at+jwt} (RFC 9068), that name the tenants a user may act in and the roles per
 * tenant ({@code "tenants": {"ma": ["COORDINATOR"]}}). Services under test validate these tokens exactly as they
 * validate a production provider's: discovery, JWKS, signature, issuer, lifetime and type.
 */
public final class LocalIssuer {

    /** The claim that grants tenants and roles (the services' default {@code iecmh.security.tenants-claim}). */
    public static final String TENANTS_CLAIM = "tenants";
    /** The claims of an email address and whether it was verified (the services' defaults, as OpenID Connect names them). */
    public static final String EMAIL_CLAIM = "email";
    public static final String EMAIL_VERIFIED_CLAIM = "email_verified";
    private static final Duration LIFETIME = Duration.ofMinutes(30);
    /** The JOSE type of an access token (RFC 9068). */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");

    private static LocalIssuer instance;

    private final HttpServer server;
    private final String issuer;
    private final RSAKey key;

    private LocalIssuer(HttpServer server, String issuer, RSAKey key) {
        this.server = server;
        this.issuer = issuer;
        this.key = key;
    }

    /** The issuer of this JVM, started on first use and stopped with the JVM. */
    public static synchronized LocalIssuer instance() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static LocalIssuer start() {
        try {
            RSAKey key = newKey();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String issuer = "http://localhost:" + server.getAddress().getPort();
            String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                    + "\"subject_types_supported\":[\"public\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                    + "\"response_types_supported\":[\"code\"]}";
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
            server.createContext("/jwks", exchange -> answer(exchange, jwks));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "local-issuer-stop"));
            return new LocalIssuer(server, issuer, key);
        } catch (IOException e) {
            throw new UncheckedIOException("The local token issuer did not start", e);
        }
    }

    /** The issuer URI, for {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}. */
    public String issuerUri() {
        return issuer;
    }

    /** A valid token for {@code subject} with {@code role} in {@code tenant}. */
    public String token(String tenant, String subject, String role) {
        return token(subject, Map.of(tenant, List.of(role)));
    }

    /** A valid token for {@code subject} with these roles per tenant. */
    public String token(String subject, Map<String, List<String>> rolesPerTenant) {
        return sign(key, claims(subject, rolesPerTenant).build());
    }

    /**
     * A valid token for {@code subject} with {@code role} in {@code tenant} that carries {@code email}, with
     * {@code email_verified} saying whether the provider verified it (the services' default claim names).
     */
    public String tokenWithEmail(String tenant, String subject, String role, String email, boolean verified) {
        return token(tenant, subject, role, claims -> claims.claim(EMAIL_CLAIM, email)
                .claim(EMAIL_VERIFIED_CLAIM, verified));
    }

    /** A token for {@code subject} with {@code role} in {@code tenant}, changed before it is signed. */
    public String token(String tenant, String subject, String role, Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = claims(subject, Map.of(tenant, List.of(role)));
        change.accept(claims);
        return sign(key, claims.build());
    }

    /**
     * Not an access token: the claims of a valid one, signed by this issuer, but typed {@code JWT} as an OpenID
     * Connect ID token is (some providers put the same claims in both).
     */
    public String idToken(String tenant, String subject, String role) {
        return sign(key, claims(subject, Map.of(tenant, List.of(role))).build(), JOSEObjectType.JWT);
    }

    /** Forged: the claims of a valid token, signed with a key that this issuer never published. */
    public String tokenSignedByAnotherKey(String tenant, String subject, String role) {
        return sign(newKey(), claims(subject, Map.of(tenant, List.of(role))).build());
    }

    /** Forged: the claims of a valid token with {@code "alg": "none"} and no signature. */
    public String unsignedToken(String tenant, String subject, String role) {
        return new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
                claims(subject, Map.of(tenant, List.of(role))).build()).serialize();
    }

    private JWTClaimsSet.Builder claims(String subject, Map<String, List<String>> rolesPerTenant) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim(TENANTS_CLAIM, rolesPerTenant);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, claims, ACCESS_TOKEN);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(type).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
