package org.iecmh.endorsement.registry.supervision;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.iecmh.endorsement.contracts.ReflectiveSupervisionProviders;
import org.iecmh.endorsement.registry.search.Registry;
import org.iecmh.endorsement.registry.search.RegistryEntry;
import org.iecmh.endorsement.registry.search.RegistryResource;
import org.iecmh.endorsement.registry.search.RegistrySearch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The directory of endorsed Reflective Supervision/Consultation providers: RSC hours count only from an endorsee in
 * one of the providers' categories or holding the Endorsed Reflective Supervisor add-on
 * ({@link ReflectiveSupervisionProviders}), so applicants look their provider up here. Browsed by state, a page at a
 * time.
 */
@RestController
class ReflectiveSupervisionProviderResource {

    private static final List<String> PROVIDER_CATEGORIES = ReflectiveSupervisionProviders.categoryAbbreviations();
    private static final List<String> PROVIDER_ADD_ONS = List.of(ReflectiveSupervisionProviders.ADD_ON.abbreviation());

    private final Registry registry;

    ReflectiveSupervisionProviderResource(Registry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/registry/reflective-supervision-providers")
    ResponseEntity<List<RegistryEntry>> providers(
            @RequestParam @Pattern(regexp = "[A-Za-z]{2,3}") String state,
            @RequestParam(required = false) @Size(min = 2, max = 100) String name,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Registry.MAX_PAGE_SIZE) int size) {
        return RegistryResource.page(registry.search(
                new RegistrySearch(name, state, PROVIDER_CATEGORIES, PROVIDER_ADD_ONS, page, size)), page);
    }
}
