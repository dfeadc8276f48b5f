package org.iecmh.endorsement.payment;

import org.iecmh.endorsement.kit.mail.MailTemplates;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** payment-service as a whole: its probes and its mail templates. */
class PaymentServiceTest extends PaymentServiceTestBase {

    @Test
    void everyNoticeHasATemplateInEachLanguageNamingTheSameValues() {
        assertThat(MailTemplates.problems()).isEmpty();
    }

    @Test
    void theReadinessProbeAnswersUp() {
        Response readiness = ApiClient.onPort(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.at("/status")).isEqualTo("UP");
    }
}
