package org.iecmh.endorsement.registry.badge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.iecmh.endorsement.registry.search.RegistryResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Map;

/**
 * Open Badges, public: the badge of an endorsement (its link is what an endorsee shares), the issuing association's
 * profile and keys, each badge's revocation list, and a verification anyone can ask for.
 */
@RestController
class BadgeResource {

    static final MediaType VC_JWT = MediaType.parseMediaType("application/vc+jwt");
    private static final String NUMBER = "[A-Za-z0-9-]{1,32}";
    private static final String TENANT = "[a-z][a-z0-9-]{1,15}";

    private final BadgeIssuer issuer;

    BadgeResource(BadgeIssuer issuer) {
        this.issuer = issuer;
    }

    /** A fresh signature each time, so no cache keeps a badge past its endorsement's lapse. */
    @GetMapping("/api/registry/badges/{endorsementNumber}")
    ResponseEntity<String> badge(@PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(VC_JWT)
                .body(issuer.issue(endorsementNumber.toUpperCase(Locale.ROOT)));
    }

    @PostMapping("/api/registry/badges/verifications")
    BadgeVerification verify(@RequestBody @Valid BadgePresentation presentation) {
        return issuer.verify(presentation.credential());
    }

    @GetMapping("/api/registry/issuers/{tenantId}")
    ResponseEntity<Map<String, Object>> profile(@PathVariable @Pattern(regexp = TENANT) String tenantId) {
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).body(issuer.profile(tenantId));
    }

    @GetMapping("/api/registry/issuers/{tenantId}/jwks")
    ResponseEntity<Map<String, Object>> keys(@PathVariable @Pattern(regexp = TENANT) String tenantId) {
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).body(issuer.publicKeys(tenantId));
    }

    @GetMapping("/api/registry/issuers/{tenantId}/revocations/{endorsementNumber}")
    ResponseEntity<Map<String, Object>> revocations(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                                    @PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE)
                .body(issuer.revocationList(tenantId, endorsementNumber.toUpperCase(Locale.ROOT)));
    }
}
