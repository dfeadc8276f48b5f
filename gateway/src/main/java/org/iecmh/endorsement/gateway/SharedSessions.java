package org.iecmh.endorsement.gateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * Where the gateway has a database ({@code iecmh.gateway.shared-counts.url}), the web application's sessions are kept
 * there ({@link SessionsInPostgres}), so that every instance knows every session; without one, in this instance's
 * memory (one instance, as locally). The session cookie stays as Spring Boot makes it ({@code server.reactive.session}).
 */
@Component
class SharedSessions implements BeanPostProcessor {

    private final ObjectProvider<SessionsInPostgres> sessions;

    SharedSessions(ObjectProvider<SessionsInPostgres> sessions) {
        this.sessions = sessions;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultWebSessionManager manager) {
            sessions.ifAvailable(manager::setSessionStore);
        }
        return bean;
    }
}
