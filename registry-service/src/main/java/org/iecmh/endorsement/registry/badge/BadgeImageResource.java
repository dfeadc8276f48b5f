package org.iecmh.endorsement.registry.badge;

import jakarta.validation.constraints.Pattern;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.registry.search.RegistryResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/**
 * The badge as a picture and as something to share: an endorsee's PNG and SVG with the signed badge baked in, the
 * sharing details (LinkedIn, email signature), and each category's picture as its achievement shows it.
 */
@RestController
class BadgeImageResource {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    private static final String NUMBER = "[A-Za-z0-9-]{1,32}";
    private static final String TENANT = "[a-z][a-z0-9-]{1,15}";
    private static final String CATEGORY = "[A-Za-z-]{2,16}";

    private final BadgeIssuer issuer;

    BadgeImageResource(BadgeIssuer issuer) {
        this.issuer = issuer;
    }

    /** A fresh signature baked in each time, as the badge itself: no cache keeps one past a lapse. */
    @GetMapping("/api/registry/endorsements/{endorsementNumber}/badge.png")
    ResponseEntity<byte[]> png(@PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        BadgeIssuer.Baked baked = issuer.bake(endorsementNumber.toUpperCase(Locale.ROOT));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(BadgeImage.png(baked.design(), baked.credential()));
    }

    @GetMapping("/api/registry/endorsements/{endorsementNumber}/badge.svg")
    ResponseEntity<String> svg(@PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        BadgeIssuer.Baked baked = issuer.bake(endorsementNumber.toUpperCase(Locale.ROOT));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(SVG)
                .body(BadgeImage.svg(baked.design(), baked.credential()));
    }

    @GetMapping("/api/registry/endorsements/{endorsementNumber}/sharing")
    ResponseEntity<BadgeSharing> sharing(@PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(issuer.sharing(endorsementNumber.toUpperCase(Locale.ROOT)));
    }

    /**
     * The category's picture as PNG, nothing baked: what an email signature shows, since mail programs show PNG
     * and not SVG, and a picture the same for every endorsee of the category is cached and tells the registry
     * nothing about who opened which email.
     */
    @GetMapping("/api/registry/issuers/{tenantId}/achievements/{category}/image.png")
    ResponseEntity<byte[]> achievementPng(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                          @PathVariable @Pattern(regexp = CATEGORY) String category) {
        String known = category.toUpperCase(Locale.ROOT);
        issuer.achievementDocument(tenantId, known);
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).contentType(MediaType.IMAGE_PNG)
                .body(BadgeImage.png(new BadgeImage.Design(known, issuer.associationName(tenantId), null), null));
    }

    /** The category's picture, as the badges' {@code achievement.image} names it: no endorsee, nothing baked. */
    @GetMapping("/api/registry/issuers/{tenantId}/achievements/{category}/image")
    ResponseEntity<String> achievementImage(@PathVariable @Pattern(regexp = TENANT) String tenantId,
                                            @PathVariable @Pattern(regexp = CATEGORY) String category) {
        String known = category.toUpperCase(Locale.ROOT);
        issuer.achievementDocument(tenantId, known);
        if (!Category.isKnown(known)) {
            throw new UnknownResource("achievement", category);
        }
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).contentType(SVG)
                .body(BadgeImage.svg(new BadgeImage.Design(known, issuer.associationName(tenantId), null), null));
    }
}
