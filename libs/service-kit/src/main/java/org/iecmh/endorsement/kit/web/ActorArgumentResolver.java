package org.iecmh.endorsement.kit.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.UUID;
import java.util.regex.Pattern;

/** Resolves an {@link Actor} parameter of a REST handler from the request's identity headers. */
public class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String TENANT_HEADER = "X-Tenant-Id";
    public static final String SUBJECT_HEADER = "X-Subject";
    public static final String ROLE_HEADER = "X-Role";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Pattern TENANT = Pattern.compile("[a-z][a-z0-9-]{1,15}");
    private static final Pattern ROLE = Pattern.compile("[A-Z_]{3,32}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                 NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String tenant = required(request, TENANT_HEADER);
        String subject = required(request, SUBJECT_HEADER);
        String role = required(request, ROLE_HEADER);
        if (!TENANT.matcher(tenant).matches()) {
            throw new MissingActor(TENANT_HEADER, "must be an association code such as ma or wa");
        }
        if (!ROLE.matcher(role).matches()) {
            throw new MissingActor(ROLE_HEADER, "must be a role such as APPLICANT or COORDINATOR");
        }
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        String correlation = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        return new Actor(tenant, subject, role, correlation);
    }

    private static String required(NativeWebRequest request, String header) {
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            throw new MissingActor(header, "is required");
        }
        return value.strip();
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
}
