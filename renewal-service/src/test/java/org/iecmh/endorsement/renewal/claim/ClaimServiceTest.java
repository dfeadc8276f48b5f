package org.iecmh.endorsement.renewal.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.iecmh.endorsement.contracts.EndorsementClaimed;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims: an imported endorsement taken by the account its address vouches for. */
class ClaimServiceTest extends RenewalServiceTestBase {

    @Test
    void anImportedEndorseeClaimsTheirEndorsementByTheirVerifiedEmailOnceAndThenLogsActivityAsTheirOwn()
            throws Exception {
        importEndorsement("MA-L-0301", "IMHS", List.of(), "ACTIVE", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        String claim = "/api/endorsements/MA-L-0301/claim";
        ApiClient unverified = ApiClient.onPort(port).as("ma", "ana-0301", "APPLICANT", "ma-l-0301@example.org", false);
        ApiClient stranger = ApiClient.onPort(port).as("ma", "kim-0301", "APPLICANT", "kim@example.org", true);
        ApiClient ana = ApiClient.onPort(port).as("ma", "ana-0301", "APPLICANT", "MA-L-0301@Example.org", true);

        Response notVerified = unverified.post(claim, Map.of());
        Response notTheirs = stranger.post(claim, Map.of());
        assertThat(notVerified.status()).isEqualTo(409);
        assertThat(notVerified.at("/rule")).isEqualTo("email-not-verified");
        assertThat(notTheirs.status()).isEqualTo(409);
        assertThat(notTheirs.at("/rule")).isEqualTo("not-your-endorsement");
        assertThat(countEvents("MA-L-0301", "EndorsementClaimed")).isZero();
        Response before = ana.get("/api/endorsements/mine");
        assertThat(before.body().get("endorsements")).isEmpty();
        assertThat(before.at("/claimable/0/endorsementNumber")).isEqualTo("MA-L-0301");

        Response claimed = ana.post(claim, Map.of());
        Response again = ana.post(claim, Map.of());

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.at("/personId")).isEqualTo("ana-0301");
        assertThat(again.status()).isEqualTo(200);
        assertThat(countEvents("MA-L-0301", "EndorsementClaimed")).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> published = awaitPublished(EndorsementClaimed.TYPE, "MA-L-0301");
        JsonNode data = new ObjectMapper().readTree(new String(published.value(), StandardCharsets.UTF_8));
        assertThat(data.get("personId").asText()).isEqualTo("ana-0301");
        // The topic is kept forever: the address the endorsement was held by stays in renewal-service's history.
        assertThat(data.has("email")).isFalse();
        assertThat(published.value()).asString(StandardCharsets.UTF_8).doesNotContain("@example.org");
        Response mine = ana.get("/api/endorsements/mine");
        assertThat(mine.at("/endorsements/0/endorsementNumber")).isEqualTo("MA-L-0301");
        assertThat(mine.body().get("claimable")).isEmpty();
        Response training = ana.post("/api/endorsements/MA-L-0301/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-01-20", "hours", 3));
        assertThat(training.status()).as(training.text()).isEqualTo(200);
        assertThat(stranger.post(claim, Map.of()).at("/rule")).isEqualTo("not-your-endorsement");
    }

    @Test
    void anImportedEndorseeClaimsEveryEndorsementOfTheirAssociationHeldByTheirVerifiedEmailInOneRequest() {
        String email = "lee.many@example.org";
        importEndorsement("ma", "MA-L-0401", email, "IFS", "ACTIVE");
        importEndorsement("ma", "MA-L-0402", email, "IMHS", "LAPSED");
        importEndorsement("ma", "MA-L-0403", "someone.else@example.org", "IFA", "ACTIVE");
        importEndorsement("wa", "WA-L-0401", email, "IFA", "ACTIVE");
        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        ApiClient unverified = ApiClient.onPort(port).as("ma", "lee-0401", "APPLICANT", email, false);
        ApiClient lee = ApiClient.onPort(port).as("ma", "lee-0401", "APPLICANT", "Lee.Many@Example.org", true);

        Response refused = unverified.post("/api/endorsements/claims", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/rule")).isEqualTo("email-not-verified");
        assertThat(unverified.get("/api/endorsements/mine").at("/verifiedEmail")).isNull();
        assertThat(countEvents("MA-L-0401", "EndorsementClaimed") + countEvents("MA-L-0402", "EndorsementClaimed"))
                .isZero();
        assertThat(lee.get("/api/endorsements/mine").at("/verifiedEmail")).isEqualTo(email);

        Response claimed = lee.post("/api/endorsements/claims", Map.of());
        Response again = lee.post("/api/endorsements/claims", Map.of());

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.body().get("claimed")).extracting(view -> view.get("endorsementNumber").asText())
                .containsExactly("MA-L-0401", "MA-L-0402");
        assertThat(claimed.at("/claimed/1/personId")).isEqualTo("lee-0401");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("claimed")).isEmpty();
        assertThat(countEvents("MA-L-0401", "EndorsementClaimed")).isEqualTo(1);
        assertThat(countEvents("MA-L-0402", "EndorsementClaimed")).isEqualTo(1);
        // Another address's endorsement, and one of another association, stay where they were.
        assertThat(countEvents("MA-L-0403", "EndorsementClaimed")).isZero();
        assertThat(countEvents("WA-L-0401", "EndorsementClaimed")).isZero();
        Response mine = lee.get("/api/endorsements/mine");
        assertThat(mine.body().get("endorsements")).extracting(view -> view.get("endorsementNumber").asText())
                .containsExactly("MA-L-0401", "MA-L-0402");
        assertThat(mine.body().get("claimable")).isEmpty();
    }
}
