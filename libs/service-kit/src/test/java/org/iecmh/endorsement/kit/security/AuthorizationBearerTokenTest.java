package org.iecmh.endorsement.kit.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The header's bearer token is taken, or refused as malformed, exactly as Spring Security's default resolver does. */
class AuthorizationBearerTokenTest {

    private final BearerTokenResolver walked = new AuthorizationBearerToken();
    private final BearerTokenResolver matched = new DefaultBearerTokenResolver();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "bearer abc", "BEARER a-._~+/b==",
            "Bearer abc=", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc def", "Bearer abc=d", "Bearer ab\u00e9",
            "Bearerabc", "Basic dXNlcjpwYXNz", "bear", "Bearer =", "Token abc"})
    void takesOrRefusesEachAuthorizationAsTheDefaultResolverDoes(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/applications");
        request.addHeader("Authorization", authorization);

        String expected;
        try {
            expected = matched.resolve(request);
        } catch (OAuth2AuthenticationException malformed) {
            assertThatThrownBy(() -> walked.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class)
                    .hasMessage(malformed.getMessage());
            return;
        }
        assertThat(walked.resolve(request)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/applications", "/api/applications?access_token=abc"})
    void withoutTheHeaderThereIsNoToken(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setQueryString(uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : null);
        request.addParameter("access_token", "abc");

        assertThat(walked.resolve(request)).isNull();
        assertThat(matched.resolve(request)).isNull();
    }
}
