package org.iecmh.endorsement.kit.web;

/**
 * Nothing by that id exists for this caller. Also what a caller of another tenant is told, so that no one learns
 * whether another association's record exists.
 */
public class UnknownResource extends RuntimeException {

    public UnknownResource(String kind, String id) {
        super("No " + kind + " " + id);
    }
}
