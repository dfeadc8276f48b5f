package org.iecmh.endorsement.application.submission;

import org.iecmh.endorsement.application.requirements.CategoryRequirements;
import org.iecmh.endorsement.application.requirements.JudgedBy;
import org.iecmh.endorsement.contracts.Category;

/**
 * The portfolio is complete and handed in under the stated requirements; fees are now due. {@code judgedBy}: the
 * requirement version and association record that stated them; {@code contactEmail}: where the applicant is mailed,
 * their invoice too (each null in events stored before it was recorded).
 */
public record ApplicationSubmitted(String applicationId, String tenantId, String personId, String applicantName,
                                   Category category, CategoryRequirements requirements, JudgedBy judgedBy,
                                   String contactEmail) {

    public ApplicationSubmitted(String applicationId, String tenantId, String personId, String applicantName,
                                Category category, CategoryRequirements requirements, JudgedBy judgedBy) {
        this(applicationId, tenantId, personId, applicantName, category, requirements, judgedBy, null);
    }
}
