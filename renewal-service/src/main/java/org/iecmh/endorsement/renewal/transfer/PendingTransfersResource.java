package org.iecmh.endorsement.renewal.transfer;

import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The receiving association's coordinators see the transfers that wait for them, oldest request first. */
@RestController
class PendingTransfersResource {

    private final EndorsementFile views;

    PendingTransfersResource(EndorsementFile views) {
        this.views = views;
    }

    @GetMapping("/api/endorsements/transfers")
    @AllowedRoles(value = Role.COORDINATOR, refusal = "Only a coordinator sees the transfers waiting for the association")
    List<EndorsementView> waiting(Actor actor) {
        return views.transfersTo(actor.tenantId());
    }
}
