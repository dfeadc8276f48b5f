package org.iecmh.endorsement.renewal.schedule;

/** What a reminder counts its days back from: the day the renewal window opens, or the day it closes. */
public enum ReminderAnchor {
    OPENING, CLOSING
}
