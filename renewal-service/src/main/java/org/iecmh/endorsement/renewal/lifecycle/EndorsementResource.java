package org.iecmh.endorsement.renewal.lifecycle;

import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EndorsementResource {

    private final EndorsementViews views;

    EndorsementResource(EndorsementViews views) {
        this.views = views;
    }

    @GetMapping("/api/endorsements/{endorsementNumber}")
    EndorsementView get(@PathVariable String endorsementNumber, Actor actor) {
        return views.require(endorsementNumber, actor);
    }
}
