package org.iecmh.endorsement.kit.web;

import org.iecmh.endorsement.kit.security.ResourceServerAutoConfiguration;
import org.iecmh.endorsement.kit.security.SecurityProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import java.util.List;

/**
 * Problem details for every error, the {@link Actor} of each request from its token, and the {@link AllowedRoles}
 * of each handler checked before its input is read.
 */
@AutoConfiguration(after = ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
public class WebAutoConfiguration {

    static {
        // The actor comes from the token, never from the request: the APIs' OpenAPI descriptions do not list it.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    /** Optional properties admit null in the APIs' descriptions, as the servers do. */
    @Bean
    public OpenApiCustomizer optionalPropertiesMayBeNull() {
        return new OptionalMayBeNull();
    }

    /** Before the security filters, so that a refused request has its id too. */
    @Bean
    public FilterRegistrationBean<RequestIdFilter> requestIds() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * A number or a boolean where text belongs is refused (400, rule {@code type}) rather than quietly turned into
     * text: {@code {"credential": 42}} is not a credential to verify, and a client that sends it has a bug to see.
     * So is a number where a date or an instant belongs, which Jackson would read as days or seconds since 1970:
     * {@code {"attendedOn": 42}} is not a training on 12 February 1970.
     */
    @Bean
    public JsonMapperBuilderCustomizer textIsNeverCoerced() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.DateTime, dates -> dates
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }

    @Bean
    public WebMvcConfigurer actorResolution(SecurityProperties security) {
        ActorArgumentResolver actors = new ActorArgumentResolver(security);
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(actors);
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RoleCheck(actors));
            }
        };
    }
}
