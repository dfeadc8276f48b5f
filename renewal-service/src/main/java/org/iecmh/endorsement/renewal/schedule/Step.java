package org.iecmh.endorsement.renewal.schedule;

/** A time-driven step in an endorsement's life. */
public enum Step {
    OPEN_WINDOW, REMIND, LAPSE
}
