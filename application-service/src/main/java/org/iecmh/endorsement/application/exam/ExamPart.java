package org.iecmh.endorsement.application.exam;

/** Part 1 is multiple choice; part 2, vignettes, belongs to the clinical categories (IMHS and IMHM-C). */
public enum ExamPart {
    MULTIPLE_CHOICE, VIGNETTES
}
