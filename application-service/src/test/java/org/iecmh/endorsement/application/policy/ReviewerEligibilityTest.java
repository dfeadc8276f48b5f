package org.iecmh.endorsement.application.policy;

import org.iecmh.endorsement.application.review.HeldEndorsement;
import org.iecmh.endorsement.application.review.Reviewer;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewerEligibilityTest {

    @Test
    void onlyAnEndorsementThatStandsTodayQualifiesAReviewer() {
        List<HeldEndorsement> lapsed = List.of(new HeldEndorsement("MA-000201", Category.IMHM_C, false));

        assertThatThrownBy(() -> ReviewerEligibility.nominate("reviewer-lapsed", lapsed, Category.IFA))
                .isInstanceOf(DomainRuleViolation.class)
                .extracting(e -> ((DomainRuleViolation) e).rule()).isEqualTo("reviewer-not-active");
        assertThatThrownBy(() -> ReviewerEligibility.nominate("nobody", List.of(), Category.IFA))
                .extracting(e -> ((DomainRuleViolation) e).rule()).isEqualTo("reviewer-not-endorsed");
    }

    @Test
    void theEndorsementThatQualifiesIsChosenAmongThoseThePersonHolds() {
        List<HeldEndorsement> held = List.of(new HeldEndorsement("MA-000301", Category.IMHM_P, true),
                new HeldEndorsement("MA-000302", Category.IMHS, true),
                new HeldEndorsement("MA-000303", Category.IMHM_C, false));

        assertThat(ReviewerEligibility.nominate("reviewer-pat", held, Category.IFS))
                .isEqualTo(new Reviewer("reviewer-pat", "MA-000302", Category.IMHS));
        assertThat(ReviewerEligibility.nominate("reviewer-pat", held, Category.ECMHM_P))
                .isEqualTo(new Reviewer("reviewer-pat", "MA-000301", Category.IMHM_P));
        assertThatThrownBy(() -> ReviewerEligibility.nominate("reviewer-pat", held, Category.IMHM_C))
                .extracting(e -> ((DomainRuleViolation) e).rule()).isEqualTo("reviewer-track");
        assertThatThrownBy(() -> ReviewerEligibility.nominate("reviewer-pat", held, Category.IMHM_R))
                .extracting(e -> ((DomainRuleViolation) e).rule()).isEqualTo("reviewer-track");
    }
}
