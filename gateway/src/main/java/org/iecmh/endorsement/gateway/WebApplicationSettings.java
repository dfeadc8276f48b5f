package org.iecmh.endorsement.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the web application needs to know at run time ({@code iecmh.web.*}), served to it as {@code /web-config.json}
 * and used to widen its Content-Security-Policy by exactly the origins it must reach besides the gateway.
 *
 * @param issuer   the OpenID Connect provider the browser signs in with (its public URL)
 * @param clientId the provider's client for the web application (authorization code with PKCE, no secret)
 * @param card     the card processor's browser library, when card payments are offered
 */
@ConfigurationProperties("iecmh.web")
public record WebApplicationSettings(String issuer, @DefaultValue("web-ui") String clientId, @DefaultValue Card card) {

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

    /** The pages' policy: everything from the gateway, plus the provider (for tokens) and the card processor. */
    String contentSecurityPolicy() {
        Set<String> connect = new LinkedHashSet<>(List.of("'self'", origin(issuer)));
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
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
