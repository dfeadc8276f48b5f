package org.iecmh.endorsement.gateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web application's sessions, held by the gateway (a backend for frontend). The gateway signs a person in with the
 * OpenID Connect provider as a confidential client (authorization code with PKCE, Spring Security's
 * {@code oauth2Login}), keeps their access and refresh tokens in its own session ({@link WebSessionServerOAuth2AuthorizedClientRepository}),
 * and gives the browser only the session cookie (HttpOnly, Secure, SameSite=Lax: {@code server.reactive.session.cookie}).
 * A page's API call goes with the cookie; the {@code TokenRelay} filter sends the session's access token to the
 * service, refreshed first when it ends within {@code iecmh.web.refresh-before}. A session whose tokens can no longer be
 * refreshed relays none, and the service answers 401, after which the page keeps what was typed and signs in again.
 * Callers that send their own bearer token (tools, other clients) are unaffected: their token is checked and relayed
 * as it is.
 *
 * <p>{@code GET /session} tells a page who is signed in: the access token's subject and tenant grants, and the CSRF
 * token that its state-changing calls and its sign-out must send.
 */
@Configuration
class BrowserSessions {

    /** The provider's registration id: the callback is {@code /login/oauth2/code/identity}. */
    static final String REGISTRATION = "identity";
    /** Where a page starts a sign-in. */
    static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

    /**
     * The provider's endpoints, discovered from its issuer on first use rather than at start, so that the gateway
     * starts (and serves bearer tokens and public pages) while the provider is still starting or away.
     */
    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(WebApplicationSettings web) {
        AtomicReference<ClientRegistration> discovered = new AtomicReference<>();
        Mono<ClientRegistration> registration = Mono.defer(() -> {
            ClientRegistration known = discovered.get();
            return known != null ? Mono.just(known) : Mono.fromCallable(() -> discover(web))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(discovered::set);
        });
        return id -> REGISTRATION.equals(id) ? registration : Mono.empty();
    }

    private static ClientRegistration discover(WebApplicationSettings web) {
        return ClientRegistrations.fromIssuerLocation(web.issuer())
                .registrationId(REGISTRATION)
                .clientId(web.clientId())
                .clientSecret(web.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                // openid only: who signed in comes from the ID token, what they may do from the access token; the
                // provider's user info (which takes its access tokens) would add nothing, so it is not asked.
                .scope("openid")
                .build();
    }

    /** A session's tokens live in that session, on the gateway, and end with it. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /**
     * The session's access token, refreshed when it ends within {@code iecmh.web.refresh-before}; none (empty) once it
     * cannot be, so that the call goes on without a token and is refused as a call without a session is.
     */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
                                                                  ServerOAuth2AuthorizedClientRepository clients,
                                                                  WebApplicationSettings web,
                                                                  ObjectProvider<Clock> clock) {
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clockSkew(web.refreshBefore())
                        .clock(clock.getIfAvailable(Clock::systemUTC))
                        .accessTokenResponseClient(new SignedInPerson()))
                .build());
        return request -> manager.authorize(request)
                .onErrorResume(ClientAuthorizationException.class, ended -> Mono.empty());
    }

    @Bean
    RouterFunction<ServerResponse> sessionInformation(ReactiveOAuth2AuthorizedClientManager clients,
                                                      ReactiveJwtDecoder accessTokens, WebApplicationSettings web) {
        return RouterFunctions.route().GET("/session", request -> session(request, clients, accessTokens, web)).build();
    }

    private static Mono<ServerResponse> session(ServerRequest request, ReactiveOAuth2AuthorizedClientManager clients,
                                                ReactiveJwtDecoder accessTokens, WebApplicationSettings web) {
        ServerWebExchange exchange = request.exchange();
        Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        Mono<Map<String, Object>> signedIn = exchange.getPrincipal()
                .filter(OAuth2AuthenticationToken.class::isInstance)
                .cast(Authentication.class)
                .flatMap(principal -> clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                        .principal(principal).attribute(ServerWebExchange.class.getName(), exchange).build()))
                .map(OAuth2AuthorizedClient::getAccessToken)
                .flatMap(token -> accessTokens.decode(token.getTokenValue()))
                .zipWith(csrf)
                .map(signed -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("signedIn", true);
                    body.put("subject", signed.getT1().getSubject());
                    body.put("tenants", signed.getT1().getClaims().get(web.tenantsClaim()));
                    body.put("expiresAt", signed.getT1().getExpiresAt());
                    body.put("csrfToken", signed.getT2().getToken());
                    body.put("csrfHeader", signed.getT2().getHeaderName());
                    return body;
                });
        return signedIn.defaultIfEmpty(Map.of("signedIn", false))
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore()).bodyValue(body));
    }
}
