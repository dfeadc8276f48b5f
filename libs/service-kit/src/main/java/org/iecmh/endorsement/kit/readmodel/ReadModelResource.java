package org.iecmh.endorsement.kit.readmodel;

import io.swagger.v3.oas.annotations.Operation;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For operators: rebuild a read model of the service from its event store, and follow the rebuild's progress. */
@RestController
@RequestMapping("${iecmh.read-models.path}")
class ReadModelResource {

    private static final String REFUSAL = "Only a platform admin rebuilds read models";

    private final ReadModelRebuilds rebuilds;

    ReadModelResource(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @GetMapping
    @Operation(summary = "The read models this service can rebuild")
    List<String> readModels(Actor actor) {
        return rebuilds.readModels();
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @PostMapping("/{readModel}/rebuilds")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Starts rebuilding the read model; 409 rebuild-in-progress while one runs on any instance")
    ReadModelRebuilds.Rebuild rebuild(@PathVariable String readModel, Actor actor) {
        return rebuilds.start(readModel);
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @GetMapping("/rebuilds")
    @Operation(summary = "The rebuilds running now, on any instance, oldest first: an operator who did not start one "
            + "finds it here and follows its progress")
    List<ReadModelRebuilds.Rebuild> running(Actor actor) {
        return rebuilds.running();
    }

    @AllowedRoles(value = Role.PLATFORM_ADMIN, refusal = REFUSAL)
    @GetMapping("/rebuilds/{rebuildId}")
    @Operation(summary = "A rebuild's status and progress: events processed of the head when it started")
    ReadModelRebuilds.Rebuild progress(@PathVariable String rebuildId, Actor actor) {
        return rebuilds.find(rebuildId).orElseThrow(() -> new UnknownResource("rebuild", rebuildId));
    }
}
