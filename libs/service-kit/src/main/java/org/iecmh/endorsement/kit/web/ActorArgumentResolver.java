package org.iecmh.endorsement.kit.web;

import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.security.SecurityProperties;
import org.iecmh.endorsement.kit.security.TenantGrants;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Resolves an {@link Actor} parameter of a REST handler from the caller's validated JWT. Subject and role come
 * from the token only; the tenant is the {@code X-Tenant-Id} header (or the token's only tenant when the header is
 * absent) and must be one the token grants, else 403. Where a token grants several roles in the tenant,
 * {@code X-Role} picks one of them. Roles the platform does not know ({@link Role}) grant nothing. The email address is the actor's only where the token says it was verified.
 */
public class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String TENANT_HEADER = "X-Tenant-Id";
    public static final String ROLE_HEADER = "X-Role";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String AUTHORIZATION_HEADER = "Authorization";

    private static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9-]{1,15}");

    private final SecurityProperties properties;

    public ActorArgumentResolver(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                 NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return actorOf(request);
    }

    /** The actor of a request, as a handler's {@link Actor} parameter receives it. */
    public Actor actorOf(NativeWebRequest request) {
        Jwt token = token();
        String subject = token.getClaimAsString(properties.subjectClaim());
        if (subject == null || subject.isBlank()) {
            throw new MissingActor(AUTHORIZATION_HEADER, "names no subject (" + properties.subjectClaim() + ")");
        }
        TenantGrants grants = TenantGrants.of(token, properties.tenantsClaim());
        String tenant = tenant(request, grants);
        List<Role> roles = grants.rolesIn(tenant).stream().map(Role::named).flatMap(Optional::stream).toList();
        if (roles.isEmpty()) {
            throw new NotGranted("The token grants no role in tenant " + tenant);
        }
        Role role = role(request, roles);
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        String correlation = requestId == null ? UUID.randomUUID().toString() : requestId.toString();
        return new Actor(tenant, subject, role, correlation, verifiedEmail(token), language(request));
    }

    /** The token's email address, only when its verified claim is {@code true} (a boolean or the text "true"). */
    private String verifiedEmail(Jwt token) {
        Object verified = token.getClaims().get(properties.emailVerifiedClaim());
        String email = token.getClaimAsString(properties.emailClaim());
        boolean vouched = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return vouched && email != null && !email.isBlank() ? email.strip() : null;
    }

    /** The platform language the request prefers most ({@code Accept-Language}), if it names one. */
    private static String language(NativeWebRequest request) {
        String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Locale.lookupTag(Locale.LanguageRange.parse(header), Association.LANGUAGES);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static Jwt token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt;
        }
        throw new MissingActor(AUTHORIZATION_HEADER, "must carry a bearer token");
    }

    private static String tenant(NativeWebRequest request, TenantGrants grants) {
        String header = request.getHeader(TENANT_HEADER);
        if (header == null || header.isBlank()) {
            if (grants.tenants().size() == 1) {
                return grants.tenants().get(0);
            }
            throw new MissingActor(TENANT_HEADER, "is required: the token grants "
                    + (grants.tenants().isEmpty() ? "no tenant" : "several tenants"));
        }
        String tenant = header.strip();
        if (!TENANT.matcher(tenant).matches()) {
            throw new MissingActor(TENANT_HEADER, "must be an association code such as ma or wa");
        }
        return tenant;
    }

    private static Role role(NativeWebRequest request, List<Role> granted) {
        String chosen = request.getHeader(ROLE_HEADER);
        if (chosen == null || chosen.isBlank()) {
            return granted.get(0);
        }
        return Role.named(chosen.strip()).filter(granted::contains).orElseThrow(() ->
                new NotGranted("The token does not grant the role " + chosen.strip() + " in this tenant"));
    }

    /** The request does not say who sends it. */
    public static class MissingActor extends RuntimeException {
        private final String header;

        MissingActor(String header, String rule) {
            super(header + " " + rule);
            this.header = header;
        }

        public String header() {
            return header;
        }
    }

    /** The caller is known, but the token does not let them act in the tenant or role the request names. */
    public static class NotGranted extends RuntimeException {
        NotGranted(String message) {
            super(message);
        }
    }
}
