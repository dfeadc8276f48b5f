package org.iecmh.endorsement.application.comments;

import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments between the applicant and the staff, on the running service. */
public class CommentsServiceTest extends ServiceTestBase {

    @Test
    void theApplicantAndTheStaffTalkPerSectionUntilTheDecision() {
        String id = startAndSubmit("Talking Person", "IFA");
        String comments = "/api/applications/" + id + "/comments";

        Response asked = coordinator.post(comments, Map.of("section", "WORK",
                "text", "Which ages did the home visits serve?"));
        CLOCK.advance(Duration.ofMinutes(5));
        Response answered = applicant.post(comments, Map.of("section", "WORK", "text", "Infants and toddlers."));
        Response byAuditor = ApiClient.onPort(port).as("ma", "auditor-1", "AUDITOR").post(comments,
                Map.of("section", "WORK", "text", "x"));
        Response byStranger = ApiClient.onPort(port).as("ma", "someone-else", "APPLICANT").get(comments);
        Response noSection = applicant.post(comments, Map.of("text", "Where does this go?"));

        assertThat(asked.status()).isEqualTo(201);
        assertThat(answered.body().findValuesAsText("role")).containsExactly("COORDINATOR", "APPLICANT");
        assertThat(answered.body().findValuesAsText("author")).containsExactly("coordinator-1", applicantId);
        assertThat(answered.body().findValuesAsText("text"))
                .containsExactly("Which ages did the home visits serve?", "Infants and toddlers.");
        assertThat(byAuditor.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(noSection.status()).isEqualTo(400);
        assertThat(noSection.at("/errors/0/field")).isEqualTo("section");

        applicant.post("/api/applications/" + id + "/withdrawal", Map.of("reason", "Changed my mind"));
        Response afterDecision = coordinator.post(comments, Map.of("section", "GENERAL", "text", "Too late"));
        assertThat(afterDecision.status()).isEqualTo(409);
        assertThat(afterDecision.at("/rule")).isEqualTo("application-decided");
    }

}
