package org.iecmh.endorsement.renewal.schedule;

/**
 * A time-driven step in an endorsement's life: the window opens, a reminder before it opens
 * ({@code REMIND_OPENING}) or before it closes ({@code REMIND}), the lapse.
 */
public enum Step {
    OPEN_WINDOW, REMIND_OPENING, REMIND, LAPSE
}
