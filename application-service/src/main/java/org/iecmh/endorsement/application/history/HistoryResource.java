package org.iecmh.endorsement.application.history;

import org.iecmh.endorsement.kit.audit.AuditTrail;
import org.iecmh.endorsement.kit.audit.AuditedEvent;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** An application's full history, as stored: for auditors and the association's coordinators. */
@RestController
class HistoryResource {

    private final AuditTrail auditTrail;

    HistoryResource(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @GetMapping("/api/applications/{applicationId}/history")
    @AllowedRoles(value = {Role.AUDITOR, Role.COORDINATOR}, refusal = "Only auditors and coordinators read histories")
    List<AuditedEvent> history(@PathVariable String applicationId, Actor actor) {
        return auditTrail.history("application", applicationId, actor.tenantId());
    }
}
