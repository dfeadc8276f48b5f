package org.iecmh.endorsement.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Signing out revokes the session's refresh token and access token at the provider (RFC 7009, its
 * {@code revocation_endpoint} from discovery), so that neither works again even if it was copied. A provider that
 * offers no revocation, or does not answer, does not keep the person signed in: the session ends all the same.
 */
final class TokenRevocation implements ServerLogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(TokenRevocation.class);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ServerOAuth2AuthorizedClientRepository clients;
    private final WebClient http;

    /**
     * Calls the provider on the event loops the gateway's server runs on ({@code resources}): a client made before
     * them would start loops of its own, which the server's then replace while connections still use them.
     */
    TokenRevocation(ServerOAuth2AuthorizedClientRepository clients, ReactorResourceFactory resources) {
        this.clients = clients;
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(resources, client -> client))
                .build();
    }

    @Override
    public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
        if (!(authentication instanceof OAuth2AuthenticationToken signedIn)) {
            return Mono.empty();
        }
        return clients.<OAuth2AuthorizedClient>loadAuthorizedClient(signedIn.getAuthorizedClientRegistrationId(),
                        authentication, exchange.getExchange())
                .flatMap(this::revoke)
                .onErrorResume(failed -> {
                    log.warn("Could not revoke the tokens of a session that signed out: {}", failed.toString());
                    return Mono.empty();
                });
    }

    private record Revocable(String value, String hint) {
    }

    private Mono<Void> revoke(OAuth2AuthorizedClient client) {
        ClientRegistration registration = client.getClientRegistration();
        Object endpoint = registration.getProviderDetails().getConfigurationMetadata().get("revocation_endpoint");
        if (endpoint == null) {
            return Mono.empty();
        }
        List<Revocable> tokens = new ArrayList<>();
        if (client.getRefreshToken() != null) {
            tokens.add(new Revocable(client.getRefreshToken().getTokenValue(), "refresh_token"));
        }
        tokens.add(new Revocable(client.getAccessToken().getTokenValue(), "access_token"));
        return Flux.fromIterable(tokens).concatMap(token -> http.post().uri(endpoint.toString())
                        .headers(headers -> headers.setBasicAuth(registration.getClientId(),
                                registration.getClientSecret()))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData("token", token.value()).with("token_type_hint", token.hint()))
                        .retrieve().toBodilessEntity().timeout(PATIENCE))
                .then();
    }
}
