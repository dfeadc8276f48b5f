package org.iecmh.endorsement.kit.web;

/**
 * Who may see a person's record (an application, an endorsement, an invoice): the staff of the association that
 * holds it, and the person it belongs to, whichever association they signed in with (a transferred endorsement
 * stays its endorsee's). Anyone else is told the record does not exist. Services add only what is theirs alone,
 * such as the reviewers of an application or the coordinator receiving a transfer.
 */
public final class Visibility {

    private Visibility() {
    }

    /** Whether {@code actor} may see the record of {@code ownerId} held by association {@code tenantId}. */
    public static boolean staffOrOwner(Actor actor, String tenantId, String ownerId) {
        return actor.role().staff() ? actor.tenantId().equals(tenantId) : actor.subject().equals(ownerId);
    }
}
