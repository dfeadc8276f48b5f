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
 * Open Badges, public: the badge of an endorsement (its link is what an endorsee shares), and everything a badge's
 * ids point at, so that each resolves: the credential, the achievement, the issuing association's profile, its keys
 * (the whole set, and each by the URL a badge header's {@code kid} holds) and its Bitstring Status Lists; the
 * per-badge revocation lists of badges issued in the earlier VC 1.1 form; a verification anyone can ask for.
 */
@RestController
class BadgeResource {

    static final MediaType VC_JWT = MediaType.parseMediaType("application/vc+jwt");
    static final MediaType JWK = MediaType.parseMediaType("application/jwk+json");
    private static final String CATEGORY = "[A-Za-z-]{2,16}";
    private static final String KEY_ID = "[A-Za-z0-9_.-]{1,128}";
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

    /** A badge's {@code id}: the current badge of the endorsement, from the association that holds it now. */
    @GetMapping("/api/registry/issuers/{tenantId}/badges/{endorsementNumber}")
    ResponseEntity<String> credential(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                      @PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(VC_JWT)
                .body(issuer.issueAs(tenantId, endorsementNumber.toUpperCase(Locale.ROOT)));
    }

    @GetMapping("/api/registry/issuers/{tenantId}/achievements/{category}")
    ResponseEntity<Map<String, Object>> achievement(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                                   @PathVariable @Pattern(regexp = CATEGORY) String category) {
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE)
                .body(issuer.achievementDocument(tenantId, category.toUpperCase(Locale.ROOT)));
    }

    @GetMapping("/api/registry/issuers/{tenantId}/keys/{keyId}")
    ResponseEntity<Map<String, Object>> key(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                            @PathVariable @Pattern(regexp = KEY_ID) String keyId) {
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).contentType(JWK)
                .body(issuer.publicKey(tenantId, keyId));
    }

    /**
     * A Bitstring Status List ({@code revocation} or {@code suspension}), signed; cached for a minute like the
     * registry's answers, with an ETag that stays while the list's bits do.
     */
    @GetMapping("/api/registry/issuers/{tenantId}/status/{purpose}")
    ResponseEntity<String> statusList(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                      @PathVariable @Pattern(regexp = "revocation|suspension") String purpose) {
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).contentType(VC_JWT)
                .body(issuer.statusList(tenantId, purpose));
    }
}
