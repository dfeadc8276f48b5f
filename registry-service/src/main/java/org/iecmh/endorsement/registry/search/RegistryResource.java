package org.iecmh.endorsement.registry.search;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The public registry: anyone may search it, without signing in. */
@RestController
class RegistryResource {

    private final Registry registry;

    RegistryResource(Registry registry) {
        this.registry = registry;
    }

    /** A name (two letters at least, so that no one lists everyone in one request), and optionally a state. */
    @GetMapping("/api/registry/endorsees")
    List<RegistryEntry> search(@RequestParam @Size(min = 2, max = 100) String name,
                               @RequestParam(required = false) @Pattern(regexp = "[A-Za-z]{2,3}") String state) {
        return registry.search(name, state);
    }
}
