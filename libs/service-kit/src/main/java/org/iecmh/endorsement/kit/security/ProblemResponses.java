package org.iecmh.endorsement.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problems written by the security filters, which answer before any controller advice can. */
final class ProblemResponses {

    static final URI UNAUTHENTICATED = URI.create("urn:iecmh:problem:unidentified-caller");
    static final URI FORBIDDEN = URI.create("urn:iecmh:problem:forbidden");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, int status, URI type, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
