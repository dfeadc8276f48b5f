package org.iecmh.endorsement.application.requirements;

import org.iecmh.endorsement.application.casefile.CaseFile;
import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What is met and what is missing, at any time; submission is refused with the same list. */
@RestController
class RequirementsResource {

    private final Requirements requirements;
    private final CaseFile caseFile;

    RequirementsResource(Requirements requirements, CaseFile caseFile) {
        this.requirements = requirements;
        this.caseFile = caseFile;
    }

    @GetMapping("/api/applications/{applicationId}/requirements")
    List<RequirementResult> requirements(@PathVariable String applicationId, Actor actor) {
        return requirements.check(caseFile.require(applicationId, actor));
    }
}
