package org.iecmh.endorsement.application.operations;

import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.eventstore.ReadModelRebuild;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For operators: rebuild application-service's read models from its event store. */
@RestController
class ReadModelResource {

    private final ReadModelRebuild rebuild;
    private final ApplicationViews views;

    ReadModelResource(ReadModelRebuild rebuild, ApplicationViews views) {
        this.rebuild = rebuild;
        this.views = views;
    }

    @PostMapping("/api/applications/read-models/rebuild")
    @AllowedRoles(value = "PLATFORM_ADMIN", refusal = "Only a platform admin rebuilds read models")
    ReadModelRebuild.Result rebuild(Actor actor) {
        return rebuild.rebuild(ApplicationViews.TABLES, List.of(views));
    }
}
