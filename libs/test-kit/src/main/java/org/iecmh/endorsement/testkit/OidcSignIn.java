package org.iecmh.endorsement.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a person in at an OpenID Connect provider the way a browser does, with the authorization code flow and
 * PKCE: the login form (with its CSRF token), the authorization request, then the code for tokens at the token
 * endpoint. Used by tests against the local identity provider.
 */
public final class OidcSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final String clientId;
    private final String redirectUri;

    public OidcSignIn(String issuer, String clientId, String redirectUri) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /** Signs {@code username} in and returns the token response (access_token, id_token, ...). */
    public JsonNode tokens(String username, String password) {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);

        HttpResponse<String> form = send(browser, get("/login"));
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No login form at " + issuer + "/login: " + form.statusCode());
        }
        HttpResponse<String> signedIn = send(browser, post("/login", Map.of(
                "username", username, "password", password, "_csrf", csrf.group(1))));
        String afterLogin = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || afterLogin.contains("error")) {
            throw new IllegalStateException("Sign-in of " + username + " refused: " + signedIn.statusCode()
                    + " " + afterLogin);
        }
        HttpResponse<String> authorized = send(browser, get("/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri,
                "scope", "openid profile", "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"))));
        String redirect = authorized.headers().firstValue("Location").orElse("");
        Matcher code = CODE.matcher(redirect);
        if (!redirect.startsWith(redirectUri) || !code.find() || !redirect.contains("state=" + state)) {
            throw new IllegalStateException("No authorization code: " + authorized.statusCode() + " " + redirect);
        }
        HttpResponse<String> tokens = send(browser, post("/oauth2/token", Map.of(
                "grant_type", "authorization_code", "code", decode(code.group(1)), "redirect_uri", redirectUri,
                "client_id", clientId, "code_verifier", verifier)));
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("Tokens refused: " + tokens.statusCode() + " " + tokens.body());
        }
        try {
            return JSON.readTree(tokens.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code username} in and returns their access token. */
    public String accessToken(String username, String password) {
        return tokens(username, password).get("access_token").asText();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(issuer + path)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    private HttpRequest post(String path, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(issuer + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("No answer from " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
