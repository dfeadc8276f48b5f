package org.iecmh.endorsement.application.casefile;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.iecmh.endorsement.application.review.SectionComment;

/**
 * An application as its applicant and the association's staff see it; {@code statusSince} is when it entered its
 * current state, {@code reasons} are a denial's and {@code comments} the reviewers' when they returned it;
 * {@code contactEmail} and {@code stateOfResidence} are what the applicant gave when starting it;
 * {@code submittedAt} is when it was first handed in (a return and resubmission keep it), null while a draft.
 * {@code exam}: whether its category has an exam under the requirements it was submitted under; {@code decidable}:
 * whether a coordinator may grant it now (its portfolio approved, and its exam passed if it has one).
 */
public record ApplicationView(String applicationId, String tenantId, String personId, String applicantName,
                              String category, ApplicationStatus status, Instant statusSince, String invoiceId,
                              String endorsementNumber, LocalDate validThrough, List<String> reasons,
                              List<SectionComment> comments, String contactEmail, String stateOfResidence,
                              Instant submittedAt, boolean exam) {

    @JsonProperty("decidable")
    public boolean isDecidable() {
        return status.isDecidable(exam);
    }
}
