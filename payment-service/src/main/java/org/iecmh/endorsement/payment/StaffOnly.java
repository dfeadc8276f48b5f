package org.iecmh.endorsement.payment;

import org.iecmh.endorsement.kit.web.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.Arrays;

/** Money is handled by the association's staff: whoever else asks is refused with 403. */
public final class StaffOnly {

    public static final String COORDINATOR = "COORDINATOR";
    public static final String AUDITOR = "AUDITOR";

    private StaffOnly() {
    }

    public static void require(Actor actor, String doing, String... roles) {
        if (Arrays.stream(roles).noneMatch(actor::hasRole)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Only " + String.join(" or ", roles).toLowerCase() + "s " + doing);
        }
    }
}
