package org.iecmh.endorsement.application.decision;

import org.iecmh.endorsement.application.ServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.iecmh.endorsement.testkit.SmtpServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Denials and withdrawals, on the running service. */
public class DecisionServiceTest extends ServiceTestBase {

    @Test
    void aCoordinatorDeniesWithReasonsTheApplicantSeesAndMayThenApplyAgain() {
        String id = startAndSubmit("Denied Person", "IFA");

        Response notByApplicant = applicant.post("/api/applications/" + id + "/denial",
                Map.of("reasons", List.of("No reason")));
        Response withoutReasons = coordinator.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of()));
        Response denied = coordinator.post("/api/applications/" + id + "/denial",
                Map.of("reasons", List.of("The degree could not be verified")));
        Response again = coordinator.post("/api/applications/" + id + "/denial", Map.of("reasons", List.of("Again")));

        assertThat(notByApplicant.status()).isEqualTo(403);
        assertThat(withoutReasons.status()).isEqualTo(400);
        assertThat(withoutReasons.at("/errors/0/field")).isEqualTo("reasons");
        assertThat(denied.at("/status")).isEqualTo("DENIED");
        assertThat(applicant.get("/api/applications/" + id).at("/reasons/0"))
                .isEqualTo("The degree could not be verified");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/rule")).isEqualTo("application-decided");
        assertThat(start("Denied Person", "IFS")).isNotBlank();
        String mail = applicantId + "@example.org";
        await().atMost(Duration.ofSeconds(30)).until(() -> RealInfrastructure.smtp().receivedFor(mail).stream()
                .anyMatch(each -> SmtpServer.subject(each).startsWith("Your application was not granted")));
        assertThat(RealInfrastructure.smtp().receivedFor(mail).stream()
                .filter(each -> SmtpServer.subject(each).startsWith("Your application was not granted"))
                .map(SmtpServer::plainText).toList())
                .singleElement().asString().contains("- The degree could not be verified");
    }

    @Test
    void anApplicantWithdrawsTheirOwnApplicationOnly() {
        String id = start("Leaving Person", "IFA");

        Response byOther = ApiClient.onPort(port).as("ma", "someone-else", "APPLICANT")
                .post("/api/applications/" + id + "/withdrawal", Map.of("reason", "x"));
        Response withdrawn = applicant.post("/api/applications/" + id + "/withdrawal",
                Map.of("reason", "Moving to Washington"));

        assertThat(byOther.status()).isEqualTo(404);
        assertThat(withdrawn.at("/status")).isEqualTo("WITHDRAWN");
        assertThat(applicant.get("/api/applications/mine").body().findValuesAsText("applicationId")).contains(id);
        assertThat(eventTypes(id)).containsExactly("ApplicationStarted", "ApplicationWithdrawn");
    }

}
