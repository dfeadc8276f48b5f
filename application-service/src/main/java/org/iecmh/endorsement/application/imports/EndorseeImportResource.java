package org.iecmh.endorsement.application.imports;

import io.swagger.v3.oas.annotations.Operation;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/**
 * An association's admin brings its current endorsees onto the platform from a CSV file its current system
 * exports: a dry run first, then the import, followed by its progress.
 */
@RestController
class EndorseeImportResource {

    static final String PATH = "/api/applications/endorsee-imports";
    private static final String ADMIN_ONLY = "Only the association's admin imports its endorsees";

    private final EndorseeImports imports;
    private final int maxBytes;

    EndorseeImportResource(EndorseeImports imports, @Value("${iecmh.imports.max-bytes:8388608}") int maxBytes) {
        this.imports = imports;
        this.maxBytes = maxBytes;
    }

    @Operation(summary = "Check (dryRun=true) or import an endorsee file (text/csv, UTF-8, header row "
            + "endorsement_number,name,email,category,endorsed_since,valid_through,status,provides_rsc,ers_add_on)")
    @PostMapping(path = PATH, consumes = {"text/csv", "application/csv"})
    @AllowedRoles(value = Role.TENANT_ADMIN, refusal = ADMIN_ONLY)
    ResponseEntity<?> importFile(InputStream body, @RequestParam(defaultValue = "false") boolean dryRun, Actor actor)
            throws IOException {
        byte[] file = body.readNBytes(maxBytes + 1);
        if (file.length > maxBytes) {
            throw new InvalidRequest("file", "too-large", "A file holds at most " + maxBytes + " bytes; split it");
        }
        if (dryRun) {
            return ResponseEntity.ok(imports.check(file, actor));
        }
        String importId = imports.start(file, actor);
        URI location = URI.create(PATH + "/" + importId);
        return ResponseEntity.accepted().location(location)
                .body(Map.of("importId", importId, "location", location.toString()));
    }

    @GetMapping(PATH + "/{importId}")
    @AllowedRoles(value = Role.TENANT_ADMIN, refusal = ADMIN_ONLY)
    EndorseeImports.Progress progress(@PathVariable String importId, Actor actor) {
        return imports.progress(importId, actor);
    }
}
