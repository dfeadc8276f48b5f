package org.iecmh.endorsement.application.operations;

import org.iecmh.endorsement.application.references.ReferenceViews;
import org.iecmh.endorsement.application.submission.ApplicationViews;
import org.iecmh.endorsement.kit.eventstore.ReadModelRebuild;
import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For operators: rebuild application-service's read models from its event store. */
@RestController
class ReadModelResource {

    private final ReadModelRebuild rebuild;
    private final ApplicationViews views;
    private final ReferenceViews references;

    ReadModelResource(ReadModelRebuild rebuild, ApplicationViews views, ReferenceViews references) {
        this.rebuild = rebuild;
        this.views = views;
        this.references = references;
    }

    @PostMapping("/api/applications/read-models/rebuild")
    ReadModelRebuild.Result rebuild(Actor actor) {
        actor.requireRole("Only a platform admin rebuilds read models", "PLATFORM_ADMIN");
        return rebuild.rebuild(ApplicationViews.TABLES, List.of(views, references));
    }
}
