package org.iecmh.endorsement.kit.mail;

import io.swagger.v3.oas.annotations.Operation;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.kit.web.AllowedRoles;
import org.iecmh.endorsement.kit.web.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The service's mail as its readers see it: staff the mails given up on, each person what was sent to them. */
@RestController
@RequestMapping("${iecmh.mail.path}")
class MailResource {

    private final MailOutbox outbox;

    MailResource(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @AllowedRoles(value = {Role.COORDINATOR, Role.PLATFORM_ADMIN},
            refusal = "Only the association's coordinators and platform admins see mail that could not be sent")
    @GetMapping("/failed")
    @Operation(summary = "The association's mails that the SMTP relay did not take by their last try, newest first")
    List<MailOutbox.Recorded> failed(Actor actor) {
        return outbox.failed(actor.tenantId());
    }

    @GetMapping("/mine")
    @Operation(summary = "What was mailed to the signed-in person in the association: when, the subject, where it "
            + "went and the page it leads to, newest first")
    List<MailOutbox.Recorded> mine(Actor actor) {
        return outbox.sentTo(actor.tenantId(), actor.subject());
    }
}
