package org.iecmh.endorsement.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * How a service reads its callers' tokens ({@code iecmh.security.*}); the issuer itself is Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}.
 *
 * @param subjectClaim   the claim that names the user
 * @param tenantsClaim   the claim that grants tenants and roles: an object {@code {"ma": ["COORDINATOR"]}} or a list
 *                       of {@code "tenant:ROLE"} strings (as a provider's groups often are)
 * @param publicPaths    paths anyone may call without a token
 * @param additionalPublicPaths a service's own public paths, on top of the shared ones (a provider's webhook)
 * @param protectedPaths paths that need a token even where they lie under a public path (checked first)
 * @param emailClaim     the claim that holds the user's email address
 * @param emailVerifiedClaim the claim that says the provider verified that address ({@code true}); an address it
 *                       does not vouch for is never taken for the user's
 * @param accessTokenTypes the JOSE {@code typ} an access token must have: {@code at+jwt} (RFC 9068), so that an ID
 *                       token of the same issuer is refused; for a provider that does not type its access tokens,
 *                       its type (often {@code JWT}), with the audience then telling them apart
 */
@ConfigurationProperties("iecmh.security")
public record SecurityProperties(@DefaultValue("sub") String subjectClaim,
                                 @DefaultValue("tenants") String tenantsClaim,
                                 @DefaultValue({"/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                         "/v3/api-docs/**", "/error",
                                         "/api/registry/**"}) List<String> publicPaths,
                                 @DefaultValue({}) List<String> additionalPublicPaths,
                                 @DefaultValue("/api/registry/admin/**") List<String> protectedPaths,
                                 @DefaultValue("at+jwt") List<String> accessTokenTypes,
                                 @DefaultValue("email") String emailClaim,
                                 @DefaultValue("email_verified") String emailVerifiedClaim) {
}
