package org.iecmh.endorsement.registry.rebuild;

import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** For operators: start a rebuild of the registry from the topics and follow its progress. */
@RestController
class RebuildResource {

    private static final String OPERATOR_ONLY = "Only an operator rebuilds the registry";

    private final RegistryRebuild rebuild;

    RebuildResource(RegistryRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/registry/admin/rebuilds")
    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = OPERATOR_ONLY)
    ResponseEntity<RebuildProgress> start(Actor actor) {
        RebuildProgress started = rebuild.start();
        return ResponseEntity.accepted().location(URI.create("/api/registry/admin/rebuilds/" + started.id()))
                .body(started);
    }

    @GetMapping("/api/registry/admin/rebuilds/{id}")
    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = OPERATOR_ONLY)
    ResponseEntity<RebuildProgress> progress(@PathVariable String id, Actor actor) {
        RebuildProgress progress = rebuild.progress(id).orElseThrow(() -> new UnknownResource("rebuild", id));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(progress);
    }
}
