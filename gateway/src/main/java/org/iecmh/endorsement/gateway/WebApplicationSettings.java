package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The web application's sign-in and what its pages need to know at run time ({@code iecmh.web.*}): the gateway signs
 * people in as a confidential client of the OpenID Connect provider and keeps their tokens (see
 * {@link BrowserSessions}); the card processor's settings are served to the pages as {@code /web-config.json}; and the
 * pages' Content-Security-Policy is widened by exactly the origins they must reach besides the gateway.
 *
 * @param issuer        the OpenID Connect provider people sign in with (its public URL, which browsers reach)
 * @param clientId      the gateway's client at the provider (authorization code with PKCE, refresh tokens)
 * @param clientSecret  its secret (HTTP Basic at the token and revocation endpoints)
 * @param refreshBefore how long before an access token ends the gateway refreshes it, rather than relay it
 * @param tenantsClaim  the access token's claim of tenants and roles (the services' {@code iecmh.security.tenants-claim}),
 *                      which {@code GET /session} shows the page
 * @param card          the card processor's browser library, when card payments are offered
 */
@ConfigurationProperties("iecmh.web")
public record WebApplicationSettings(String issuer, @DefaultValue("gateway") String clientId,
                                     @DefaultValue("") String clientSecret,
                                     @DefaultValue("60s") java.time.Duration refreshBefore,
                                     @DefaultValue("tenants") String tenantsClaim,
                                     @DefaultValue Card card) {

    /**
     * @param publishableKey the processor's publishable key (Stripe: {@code pk_...}); blank: no card payments in the
     *                       browser
     * @param scriptUrl      the processor's browser library (Stripe.js)
     * @param origins        origins the library loads from, calls and frames (Stripe's documented list)
     */
    public record Card(@DefaultValue("") String publishableKey,
                       @DefaultValue("https://js.stripe.com/v3/") String scriptUrl,
                       @DefaultValue({"https://js.stripe.com", "https://api.stripe.com", "https://hooks.stripe.com"})
                       List<String> origins) {

        public boolean offered() {
            return publishableKey != null && !publishableKey.isBlank();
        }
    }

    public WebApplicationSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("iecmh.web.issuer must name the OpenID Connect provider's URL");
        }
        issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /**
     * The pages' policy: everything from the gateway, plus the card processor; a form may post to the gateway only,
     * whose sign-out then sends the browser on to the provider's.
     */
    String contentSecurityPolicy() {
        Set<String> connect = new LinkedHashSet<>(List.of("'self'"));
        Set<String> scripts = new LinkedHashSet<>(List.of("'self'"));
        Set<String> frames = new LinkedHashSet<>();
        if (card.offered()) {
            connect.addAll(card.origins());
            scripts.add(origin(card.scriptUrl()));
            scripts.addAll(card.origins());
            frames.addAll(card.origins());
        }
        return "default-src 'self'; script-src " + String.join(" ", scripts) + "; connect-src "
                + String.join(" ", connect) + "; frame-src " + (frames.isEmpty() ? "'none'" : String.join(" ", frames))
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self' " + origin(issuer)
                + "; frame-ancestors 'none'";
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
