package org.iecmh.endorsement.registry.verification;

import jakarta.validation.constraints.Pattern;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.registry.search.Registry;
import org.iecmh.endorsement.registry.search.RegistryResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/** Verification by endorsement number, public like the search: a number is what a certificate shows. */
@RestController
class VerificationResource {

    private final Registry registry;

    VerificationResource(Registry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/registry/endorsements/{endorsementNumber}")
    ResponseEntity<Verification> verify(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,32}") String endorsementNumber) {
        Verification verification = registry.find(endorsementNumber.toUpperCase(Locale.ROOT)).map(Verification::of)
                .orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).body(verification);
    }
}
