package org.iecmh.endorsement.renewal.activity;

import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The yearly activity: logged once on each of a person's endorsements, corrected, removed, and the progress it makes.
 */
class ActivityServiceTest extends RenewalServiceTestBase {

    @Test
    void someoneEndorsedInSeveralCategoriesLogsEachActivityOnce() {
        grant("ma", "MA-000061", "person-61", "IFS", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000062", "person-61", "IMHS", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000063", "person-63", "IFS", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-02-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-61", "ENDORSEE");

        Response logged = endorsee.post("/api/endorsements/MA-000061/trainings",
                Map.of("title", "Reflective practice", "attendedOn", "2027-01-15", "hours", 6));
        endorsee.post("/api/endorsements/MA-000062/code-of-ethics", null);

        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        assertThat(countEvents("MA-000061", "TrainingRecorded")).isEqualTo(1);
        assertThat(countEvents("MA-000062", "TrainingRecorded")).isEqualTo(1);
        assertThat(countEvents("MA-000063", "TrainingRecorded")).isZero();
        assertThat(countEvents("MA-000061", "CodeOfEthicsSigned")).isEqualTo(1);
        assertThat(countEvents("MA-000062", "CodeOfEthicsSigned")).isEqualTo(1);
        assertThat(endorsee.get("/api/endorsements/MA-000062/progress").text()).contains("\"year\":2027");
    }

    @Test
    void whereTheAssociationAsksForDeiHoursTheProgressSaysHowManyOfTheYearsAreLogged() {
        grant("ty", "TY-000071", "person-71", "IFA", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ty", "person-71", "APPLICANT");
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));

        Response tooMany = endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Equity", "attendedOn", "2027-05-01", "hours", 2, "deiHours", 3));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text()).contains("deiHoursWithinHours").contains("AssertTrue");
        assertThat(countEvents("TY-000071", "TrainingRecorded")).isZero();
        endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 13));
        Response progress = endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Equity in home visiting", "attendedOn", "2027-05-02", "hours", 2, "deiHours", 2));

        assertThat(progress.at("/years/0/requirements/0/name")).isEqualTo("training-hours");
        assertThat(progress.at("/years/0/requirements/0/detail")).isEqualTo("15 of 15 hours");
        assertThat(progress.at("/years/0/requirements/1/name")).isEqualTo("dei-hours");
        assertThat(progress.at("/years/0/requirements/1/met")).isEqualTo("false");
        assertThat(progress.at("/years/0/requirements/1/detail")).isEqualTo("2 of 3 DEI hours");
        endorsee.post("/api/endorsements/TY-000071/trainings",
                Map.of("title", "Anti-bias practice", "attendedOn", "2027-05-03", "hours", 1, "deiHours", 1));
        assertThat(endorsee.get("/api/endorsements/TY-000071/progress").at("/years/0/requirements/1/detail"))
                .isEqualTo("3 of 3 DEI hours");
        // Massachusetts asks for none: its progress has no such line.
        grant("ma", "MA-000072", "person-72", "IFA", LocalDate.of(2027, 12, 31));
        assertThat(ApiClient.onPort(port).as("ma", "person-72", "APPLICANT").get(
                "/api/endorsements/MA-000072/progress").text()).contains("training-hours").doesNotContain("dei-hours");
    }

    @Test
    void someoneEndorsedInSeveralCategoriesCorrectsAndRemovesAnEntryOnceAndTheProgressFollows() {
        grant("ma", "MA-000084", "provider-84", "IMHS", LocalDate.of(2033, 12, 31));
        grant("ma", "MA-000081", "person-81", "IFS", LocalDate.of(2027, 12, 31));
        grant("ma", "MA-000082", "person-81", "IMHS", LocalDate.of(2027, 12, 31));
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-81", "APPLICANT");
        Response logged = endorsee.post("/api/endorsements/MA-000081/trainings",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 9));
        String training = logged.at("/entries/0/entryId");
        assertThat(logged.at("/entries/0/kind")).isEqualTo("training");
        String session = endorsee.post("/api/endorsements/MA-000081/reflective-supervision",
                Map.of("providerNumber", "MA-000084", "sessionOn", "2027-05-15", "hours", 12)).at("/entries/1/entryId");
        String trainings = "/api/endorsements/MA-000082/trainings/" + training;
        String sessions = "/api/endorsements/MA-000082/reflective-supervision/" + session;

        Response invalid = endorsee.put(trainings, Map.of("title", "", "attendedOn", "2027-05-01", "hours", 15));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).contains("title").contains("NotBlank");
        assertThat(endorsee.put(trainings, Map.of("title", "Observation", "attendedOn", "2027-07-01", "hours", 15))
                .at("/rule")).isEqualTo("activity-in-the-future");
        assertThat(endorsee.put("/api/endorsements/MA-000082/trainings/no-such-entry",
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 15)).status()).isEqualTo(404);
        assertThat(ApiClient.onPort(port).as("ma", "person-other", "APPLICANT").put(trainings,
                Map.of("title", "Observation", "attendedOn", "2027-05-01", "hours", 15)).status()).isEqualTo(404);
        assertThat(countEvents("MA-000081", "TrainingCorrected")).isZero();

        // Corrected through one endorsement, the entry changes on both.
        Response corrected = endorsee.put(trainings,
                Map.of("title", "Observation, corrected", "attendedOn", "2027-05-01", "hours", 15));
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
        assertThat(countEvents("MA-000081", "TrainingCorrected")).isEqualTo(1);
        assertThat(countEvents("MA-000082", "TrainingCorrected")).isEqualTo(1);
        Response progress = endorsee.get("/api/endorsements/MA-000081/progress");
        assertThat(progress.at("/years/0/requirements/0/detail")).isEqualTo("15 of 15 hours");
        assertThat(progress.at("/entries/0/title")).isEqualTo("Observation, corrected");

        Response beforeTheProvider = endorsee.put(sessions,
                Map.of("providerNumber", "MA-000084", "sessionOn", "2026-01-15", "hours", 12));
        assertThat(beforeTheProvider.at("/rule")).isEqualTo("rsc-provider-not-endorsed");
        assertThat(endorsee.put(sessions, Map.of("providerNumber", "MA-000084", "sessionOn", "2027-05-16", "hours", 8))
                .at("/years/0/requirements/1/detail")).isEqualTo("8 of 12 hours");
        assertThat(endorsee.get("/api/endorsements/MA-000081/progress").at("/years/0/requirements/1/detail"))
                .isEqualTo("8 of 12 hours");

        Response removed = endorsee.delete(sessions);
        assertThat(removed.at("/years/0/requirements/1/detail")).isEqualTo("0 of 12 hours");
        assertThat(endorsee.delete(trainings).at("/years/0/requirements/0/detail")).isEqualTo("0 of 15 hours");
        assertThat(endorsee.get("/api/endorsements/MA-000081/progress").at("/years/0/requirements/0/detail"))
                .isEqualTo("0 of 15 hours");
        assertThat(countEvents("MA-000081", "TrainingRemoved")).isEqualTo(1);
        assertThat(countEvents("MA-000081", "ReflectiveSupervisionRemoved")).isEqualTo(1);
        assertThat(endorsee.delete(trainings).status()).isEqualTo(404);
    }

    @Test
    void anActivityDatedBefore1900OrYearsAheadIsRefusedNamingTheFieldAndStoresNothing() {
        grant("ma", "MA-000133", "person-133", "IFS", LocalDate.of(2027, 12, 31));
        ApiClient endorsee = ApiClient.onPort(port).as("ma", "person-133", "APPLICANT");
        CLOCK.set(Instant.parse("2027-06-01T12:00:00Z"));
        int before = countEvents("MA-000133", "");

        Response ancient = endorsee.post("/api/endorsements/MA-000133/trainings",
                Map.of("title", "Observation", "attendedOn", "1899-12-31", "hours", 3));
        assertThat(ancient.status()).isEqualTo(400);
        assertThat(ancient.at("/errors/0/field")).isEqualTo("attendedOn");
        assertThat(ancient.at("/errors/0/rule")).isEqualTo("DateRange");
        Response farAhead = endorsee.post("/api/endorsements/MA-000133/reflective-supervision",
                Map.of("providerNumber", "MA-000012", "sessionOn", "20270-05-01", "hours", 3));
        assertThat(farAhead.status()).isEqualTo(400);
        Response nextCentury = endorsee.put("/api/endorsements/MA-000133/trainings/any-entry",
                Map.of("title", "Observation", "attendedOn", "2127-05-01", "hours", 3));
        assertThat(nextCentury.status()).isEqualTo(400);
        assertThat(nextCentury.at("/errors/0/field")).isEqualTo("attendedOn");
        assertThat(countEvents("MA-000133", "")).isEqualTo(before);
    }
}
