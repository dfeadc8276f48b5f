package org.iecmh.endorsement.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.List;

/**
 * Enforces {@link AllowedRoles} before Spring resolves the handler's arguments (and validates its body): an
 * interceptor runs between routing and argument resolution.
 */
class RoleCheck implements HandlerInterceptor {

    private final ActorArgumentResolver actors;

    RoleCheck(ActorArgumentResolver actors) {
        this.actors = actors;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            AllowedRoles allowed = method.getMethodAnnotation(AllowedRoles.class);
            if (allowed != null) {
                actors.actorOf(new ServletWebRequest(request, response))
                        .requireRole(allowed.refusal(), List.of(allowed.value()));
            }
        }
        return true;
    }
}
