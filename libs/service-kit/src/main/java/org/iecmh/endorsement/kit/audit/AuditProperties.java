package org.iecmh.endorsement.kit.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit API's configuration: {@code kinds} maps each audited kind, as it appears in the paths
 * ({@code /api/audit/applications/...}), to the aggregate type its events are stored under ({@code Application});
 * {@code signingKey} is the private EC P-256 key (a JWK in JSON) that signs export bundles, generated at start-up
 * when blank (local runs and tests only: every instance must sign with the same configured key).
 */
@ConfigurationProperties("iecmh.audit")
public class AuditProperties {

    private Map<String, String> kinds = new LinkedHashMap<>();
    private String signingKey = "";

    public Map<String, String> getKinds() {
        return kinds;
    }

    public void setKinds(Map<String, String> kinds) {
        this.kinds = kinds;
    }

    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }
}
