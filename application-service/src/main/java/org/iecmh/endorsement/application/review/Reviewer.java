package org.iecmh.endorsement.application.review;

import org.iecmh.endorsement.contracts.Category;

/** A reviewer and the endorsement that makes them one. */
public record Reviewer(String subject, String endorsementNumber, Category category) {
}
