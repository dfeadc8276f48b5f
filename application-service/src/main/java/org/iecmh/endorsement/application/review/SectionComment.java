package org.iecmh.endorsement.application.review;

public record SectionComment(Section section, String comment) {
}
