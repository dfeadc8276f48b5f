package org.iecmh.endorsement.application.review;

/** The parts of an application a comment can be about, as the application's tabs show them. */
public enum Section {
    EDUCATION, WORK, TRAINING, REFLECTIVE_SUPERVISION, REFERENCES, GENERAL
}
