package org.iecmh.endorsement.gateway;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refreshes a session's tokens, and keeps the signed-in person's ID token the provider's latest: a provider that
 * gives a new ID token with each refresh knows only that one as the hint of signing out (OpenID Connect RP-initiated
 * logout), so the session's person is given it (Spring Security does so for servlet applications only). The ID token
 * comes straight from the provider's token endpoint, over the connection the gateway authenticated to it.
 */
final class SignedInPerson implements ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> {

    private final ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresh =
            new WebClientReactiveRefreshTokenTokenResponseClient();
    private final ServerSecurityContextRepository contexts = new WebSessionServerSecurityContextRepository();

    @Override
    public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2RefreshTokenGrantRequest request) {
        return refresh.getTokenResponse(request).flatMap(response -> {
            Object idToken = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
            if (!(idToken instanceof String token)) {
                return Mono.just(response);
            }
            return Mono.deferContextual(context -> context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                            .map(Mono::just).orElseGet(Mono::empty))
                    .flatMap(exchange -> withIdToken(exchange, token))
                    .thenReturn(response);
        });
    }

    private Mono<Void> withIdToken(ServerWebExchange exchange, String token) {
        return contexts.load(exchange).flatMap(context -> {
            if (!(context.getAuthentication() instanceof OAuth2AuthenticationToken signedIn)
                    || !(signedIn.getPrincipal() instanceof OidcUser person)) {
                return Mono.empty();
            }
            OidcIdToken idToken = idToken(token);
            if (idToken == null || !person.getSubject().equals(idToken.getSubject())) {
                return Mono.empty();
            }
            SecurityContext refreshed = new SecurityContextImpl(new OAuth2AuthenticationToken(
                    new DefaultOidcUser(person.getAuthorities(), idToken, person.getUserInfo()),
                    signedIn.getAuthorities(), signedIn.getAuthorizedClientRegistrationId()));
            return contexts.save(exchange, refreshed);
        });
    }

    private static OidcIdToken idToken(String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            Map<String, Object> values = new LinkedHashMap<>(claims.toJSONObject());
            values.replace("iat", claims.getIssueTime().toInstant());
            values.replace("exp", claims.getExpirationTime().toInstant());
            return new OidcIdToken(token, claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(),
                    values);
        } catch (ParseException | RuntimeException unreadable) {
            return null;
        }
    }
}
