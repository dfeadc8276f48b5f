package org.iecmh.endorsement.application.requirements;

/** One requirement, whether the portfolio meets it, and in words what it has or lacks. */
public record RequirementResult(String requirement, boolean met, String detail) {
}
