package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every endpoint of every service, and whether it is public or needs a token. The end-to-end test reads each
 * service's OpenAPI description and fails when an endpoint is missing here (or listed here but gone), so that a new
 * endpoint cannot be added without saying who may call it; then it calls each one, through the gateway and directly.
 */
final class SecurityMatrix {

    enum Access { PUBLIC, PROTECTED }

    /** {@code "<service> <METHOD> <path template>"}, as the service's OpenAPI description names it. */
    static final Map<String, Access> ENDPOINTS = new LinkedHashMap<>();

    static {
        String app = "application-service ";
        for (String endpoint : List.of(
                "POST /api/applications", "GET /api/applications", "GET /api/applications/mine",
                "GET /api/applications/assigned", "GET /api/applications/{applicationId}",
                "POST /api/applications/{applicationId}/submission",
                "GET /api/applications/{applicationId}/requirements",
                "GET /api/applications/{applicationId}/history",
                "GET /api/applications/{applicationId}/portfolio",
                "POST /api/applications/{applicationId}/portfolio/education",
                "POST /api/applications/{applicationId}/portfolio/work",
                "POST /api/applications/{applicationId}/portfolio/trainings",
                "POST /api/applications/{applicationId}/portfolio/supervision",
                "PUT /api/applications/{applicationId}/portfolio/education/{entryId}",
                "PUT /api/applications/{applicationId}/portfolio/work/{entryId}",
                "PUT /api/applications/{applicationId}/portfolio/trainings/{entryId}",
                "PUT /api/applications/{applicationId}/portfolio/supervision/{entryId}",
                "DELETE /api/applications/{applicationId}/portfolio/{entryId}",
                "POST /api/applications/{applicationId}/reviewers",
                "POST /api/applications/{applicationId}/reviews",
                "GET /api/applications/{applicationId}/reviews",
                "POST /api/applications/{applicationId}/exam",
                "GET /api/applications/{applicationId}/exam",
                "POST /api/applications/{applicationId}/exam/scores",
                "POST /api/applications/{applicationId}/approval",
                "POST /api/applications/{applicationId}/denial",
                "POST /api/applications/{applicationId}/withdrawal",
                "POST /api/applications/{applicationId}/comments",
                "GET /api/applications/{applicationId}/comments",
                "POST /api/applications/{applicationId}/references",
                "GET /api/applications/{applicationId}/references",
                "GET /api/applications/{applicationId}/references/{referenceId}",
                "POST /api/applications/{applicationId}/references/{referenceId}/replacement",
                "POST /api/applications/{applicationId}/references/{referenceId}/link",
                "POST /api/applications/prior-endorsements",
                "POST /api/applications/read-models/rebuild")) {
            ENDPOINTS.put(app + endpoint, Access.PROTECTED);
        }
        // A rater has no account: the secret in the mailed link is what lets them in.
        ENDPOINTS.put(app + "GET /api/references/{token}", Access.PUBLIC);
        ENDPOINTS.put(app + "POST /api/references/{token}", Access.PUBLIC);
        String renewal = "renewal-service ";
        for (String endpoint : List.of(
                "GET /api/endorsements/{endorsementNumber}",
                "PUT /api/endorsements/{endorsementNumber}/email-address",
                "POST /api/endorsements/{endorsementNumber}/trainings",
                "POST /api/endorsements/{endorsementNumber}/reflective-supervision",
                "POST /api/endorsements/{endorsementNumber}/code-of-ethics",
                "GET /api/endorsements/{endorsementNumber}/progress",
                "POST /api/endorsements/{endorsementNumber}/reinstatement",
                "POST /api/endorsements/{endorsementNumber}/reinstatement/approval",
                "POST /api/endorsements/{endorsementNumber}/revocation",
                "POST /api/endorsements/{endorsementNumber}/inactivation",
                "POST /api/endorsements/{endorsementNumber}/reactivation",
                "POST /api/endorsements/{endorsementNumber}/renewal",
                "POST /api/endorsements/{endorsementNumber}/renewal/return",
                "POST /api/endorsements/{endorsementNumber}/renewal/approval",
                "POST /api/endorsements/{endorsementNumber}/transfer",
                "POST /api/endorsements/{endorsementNumber}/transfer/acceptance")) {
            ENDPOINTS.put(renewal + endpoint, Access.PROTECTED);
        }
        String pay = "payment-service ";
        for (String endpoint : List.of(
                "GET /api/payments/invoices", "POST /api/payments/invoices", "GET /api/payments/invoices/{invoiceId}",
                "POST /api/payments/invoices/{invoiceId}/payments", "POST /api/payments/invoices/{invoiceId}/waivers",
                "POST /api/payments/invoices/{invoiceId}/voiding", "POST /api/payments/invoices/{invoiceId}/refunds",
                "POST /api/payments/invoices/{invoiceId}/card-checkouts",
                "GET /api/payments/invoices/{invoiceId}/receipt", "POST /api/payments/group-payments",
                "GET /api/payments/accounts", "GET /api/payments/accounts/invoices")) {
            ENDPOINTS.put(pay + endpoint, Access.PROTECTED);
        }
        // The card processor calls without a token; the request's signature is checked instead.
        ENDPOINTS.put(pay + "POST /api/payments/card-webhooks", Access.PUBLIC);
        String registry = "registry-service ";
        for (String endpoint : List.of(
                "GET /api/registry/endorsees", "GET /api/registry/endorsements/{endorsementNumber}",
                "GET /api/registry/endorsements/{endorsementNumber}/qr",
                "GET /api/registry/endorsements/{endorsementNumber}/certificate",
                "GET /api/registry/reflective-supervision-providers",
                "GET /api/registry/badges/{endorsementNumber}", "POST /api/registry/badges/verifications",
                "GET /api/registry/issuers/{tenantId}", "GET /api/registry/issuers/{tenantId}/jwks",
                "GET /api/registry/issuers/{tenantId}/revocations/{endorsementNumber}")) {
            ENDPOINTS.put(registry + endpoint, Access.PUBLIC);
        }
        ENDPOINTS.put(registry + "POST /api/registry/admin/rebuilds", Access.PROTECTED);
        ENDPOINTS.put(registry + "GET /api/registry/admin/rebuilds/{id}", Access.PROTECTED);
    }

    private SecurityMatrix() {
    }

    /** The endpoints a running service describes, in the form of {@link #ENDPOINTS}' keys. */
    static TreeSet<String> described(String service, ApiClient direct) {
        Response docs = direct.get("/v3/api-docs");
        if (docs.status() != 200) {
            throw new IllegalStateException(service + " describes no API: " + docs);
        }
        TreeSet<String> endpoints = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = docs.body().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    endpoints.add(service + " " + method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return endpoints;
    }

    /** A request for the endpoint, with every path variable an id that names no record. */
    static Response call(ApiClient client, String endpoint) {
        String[] parts = endpoint.split(" ");
        String method = parts[1];
        String path = parts[2].replaceAll("\\{[^}]+}", "no-such-record");
        switch (method) {
            case "GET":
                return client.get(path);
            case "POST":
                return client.post(path, "{}");
            case "PUT":
                return client.put(path, "{}");
            case "DELETE":
                return client.delete(path);
            default:
                throw new IllegalArgumentException(endpoint);
        }
    }

    static List<String> services() {
        List<String> services = new ArrayList<>();
        ENDPOINTS.keySet().forEach(key -> {
            String service = key.substring(0, key.indexOf(' '));
            if (!services.contains(service)) {
                services.add(service);
            }
        });
        return services;
    }
}
