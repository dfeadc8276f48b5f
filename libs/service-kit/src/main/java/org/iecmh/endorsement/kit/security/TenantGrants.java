package org.iecmh.endorsement.kit.security;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tenants a token lets its user act in, and the roles per tenant, read from one claim. */
public final class TenantGrants {

    private final Map<String, List<String>> rolesPerTenant;

    private TenantGrants(Map<String, List<String>> rolesPerTenant) {
        this.rolesPerTenant = rolesPerTenant;
    }

    /**
     * Reads {@code {"ma": ["COORDINATOR"], "wa": ["AUDITOR"]}} or {@code ["ma:COORDINATOR", "wa:AUDITOR"]};
     * anything else grants nothing.
     */
    public static TenantGrants of(Jwt token, String claim) {
        Object value = token.getClaims().get(claim);
        Map<String, List<String>> grants = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((tenant, roles) -> grants.put(String.valueOf(tenant), roles(roles)));
        } else if (value instanceof Collection<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int colon = text.indexOf(':');
                if (colon > 0 && colon < text.length() - 1) {
                    grants.computeIfAbsent(text.substring(0, colon), t -> new ArrayList<>())
                            .add(text.substring(colon + 1));
                }
            }
        }
        return new TenantGrants(grants);
    }

    private static List<String> roles(Object roles) {
        List<String> list = new ArrayList<>();
        if (roles instanceof Collection<?> many) {
            many.forEach(role -> list.add(String.valueOf(role)));
        } else if (roles != null) {
            list.add(String.valueOf(roles));
        }
        return list;
    }

    /** The roles granted in {@code tenant}; empty where the tenant is not granted. */
    public List<String> rolesIn(String tenant) {
        return rolesPerTenant.getOrDefault(tenant, List.of());
    }

    public List<String> tenants() {
        return List.copyOf(rolesPerTenant.keySet());
    }
}
