package org.iecmh.endorsement.local;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.iecmh.endorsement.contracts.ApplicationSubmitted;
import org.iecmh.endorsement.contracts.Topics;
import org.iecmh.endorsement.kit.messaging.DeadLetters;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.KafkaTopics;
import org.iecmh.endorsement.testkit.PostgresServer;
import org.iecmh.endorsement.testkit.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform operator's path in a real headless Chromium, against the running platform: a submission that
 * payment-service could not bill waits on its dead-letter topic; once its cause is fixed, the operator finds it on
 * the operations page, counted under the binding that failed, replays it from there and sees nothing left waiting;
 * the submission is billed, once. The operator pauses that consumer from the page and resumes it. The page is checked
 * with axe-core in English and in Spanish.
 */
@Order(15)
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorStoryTest {

    private static final Dimension DESKTOP = new Dimension(1024, 900);
    private static final String PREFIX = RunningPlatform.PREFIX;
    private static final String TOPIC = PREFIX + Topics.APPLICATIONS;
    private static final String GROUP = PREFIX + "payment-service";
    // payment-service's consumer of application-service's events, as the page names its row.
    private static final String ROW = "dead-letters-payments-applicationEvents-in-0";
    private static final String BINDING = "Events of applications (from application-service)";

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String applicationId = UUID.randomUUID().toString();
    private static final String eventId = UUID.randomUUID().toString();

    @BeforeEach
    void onADesktop() {
        driver().manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(1)
    void theOperatorReplaysADeadLetterFromThePageAndTheSubmissionIsBilledOnce() {
        ApiClient operator = RunningPlatform.get().signedIn("operator", "ma");
        String invoice = "/api/payments/invoices/INV-" + applicationId;
        parkASubmissionPaymentServiceFailedToBill();
        assertThat(operator.get(invoice).status()).as("nothing billed while the submission waits").isEqualTo(404);

        browser.signIn(gateway(), "operator", "/operations.html");
        browser.await("the dead letters counted", page -> !page.findElements(By.id(ROW + "-waiting")).isEmpty()
                && !text(ROW + "-waiting").equals("0"));
        assertThat(text(ROW + "-heading")).isEqualTo(BINDING);
        assertThat(text(ROW + "-binding")).isEqualTo("applicationEvents-in-0");
        assertThat(text(ROW + "-topic")).isEqualTo(TOPIC);
        assertThat(text(ROW + "-dead-letter-topic")).isEqualTo(DeadLetters.deadLetterTopic(TOPIC, GROUP));
        long waiting = Long.parseLong(text(ROW + "-waiting").replace(",", ""));
        assertThat(waiting).as("our submission among those waiting").isPositive();
        assertThat(text("dead-letters-status")).matches("Dead letters waiting, all services together: [\\d,]+\\.");
        assertThat(text("dead-letters-associations")).isEqualTo(
                "This service consumes no topic: no dead letter can wait here.");
        assertThat(driver().findElement(By.id(ROW + "-button")).getAttribute("aria-label"))
                .isEqualTo("Replay the dead letters: " + BINDING);
        Accessibility.assertNoSeriousViolations(driver(), "the operations screen with a dead letter waiting");

        driver().findElement(By.id(ROW + "-button")).click();
        browser.await("the replay announced", page -> text("dead-letters-status").contains("replayed"));
        assertThat(text("dead-letters-status")).isEqualTo("Dead letters of “" + BINDING + "” replayed to " + TOPIC
                + ": " + waiting + "; waiting now: 0.");
        assertThat(text(ROW + "-waiting")).isEqualTo("0");
        assertThat(driver().findElement(By.id(ROW + "-button")).isEnabled()).as("nothing left to replay").isFalse();
        Accessibility.assertNoSeriousViolations(driver(), "the operations screen after a replay");

        // Back on its topic as it first came, without what the binder added when parking it, and billed.
        ConsumerRecord<byte[], byte[]> replayed = KafkaTopics.awaitFirst(TOPIC,
                r -> eventId.equals(KafkaTopics.header(r, "ce_id")));
        assertThat(KafkaTopics.header(replayed, "ce_type")).isEqualTo(ApplicationSubmitted.TYPE);
        assertThat(KafkaTopics.header(replayed, "x-exception-message")).isNull();
        await("the submission billed").atMost(RunningPlatform.HOP)
                .until(() -> operator.get(invoice).status() == 200);
        Response billed = operator.get(invoice);
        assertThat(billed.at("/applicationId")).isEqualTo(applicationId);
        assertThat(billed.at("/status")).isEqualTo("OPEN");

        // Sent again, as a broker might, it is left aside: one invoice, issued once.
        RecordMetadata again = KafkaTopics.send(new ProducerRecord<>(TOPIC, null, replayed.key(), replayed.value(),
                replayed.headers()));
        KafkaTopics.awaitConsumed(GROUP, again);
        assertThat(invoicesIssued()).isEqualTo(1);

        // Handled, it did not fail again: counted anew, nothing waits.
        driver().findElement(By.id("dead-letters-refresh")).click();
        browser.await("counted again", page -> text("dead-letters-status").startsWith("Dead letters waiting"));
        assertThat(text(ROW + "-waiting")).isEqualTo("0");
    }

    @Test
    @Order(2)
    void theOperatorPausesAConsumerFromThePageAndResumesIt() {
        ApiClient operator = RunningPlatform.get().signedIn("operator", "ma");
        String state = "/api/payments/dead-letters/applicationEvents-in-0/state";
        try {
            browser.open(gateway(), "/operations.html");
            browser.await("the consumers listed", page -> !page.findElements(By.id(ROW + "-state")).isEmpty()
                    && text(ROW + "-state").equals("Running"));
            assertThat(driver().findElement(By.id(ROW + "-state-button")).getAttribute("aria-label"))
                    .isEqualTo("Pause the consumer: " + BINDING);

            driver().findElement(By.id(ROW + "-state-button")).click();
            browser.await("the consumer paused", page -> text(ROW + "-state").equals("Paused"));
            assertThat(text("dead-letters-status")).isEqualTo("“" + BINDING + "” is paused: what arrives waits on "
                    + TOPIC + " until it is resumed.");
            assertThat(operator.get(state).at("/state")).isEqualTo("PAUSED");
            assertThat(driver().findElement(By.id(ROW + "-state-button")).getAttribute("aria-label"))
                    .isEqualTo("Resume the consumer: " + BINDING);
            Accessibility.assertNoSeriousViolations(driver(), "the operations screen with a consumer paused");

            driver().findElement(By.id(ROW + "-state-button")).click();
            browser.await("the consumer resumed", page -> text(ROW + "-state").equals("Running"));
            assertThat(text("dead-letters-status")).isEqualTo("“" + BINDING
                    + "” takes records again, from where it stopped.");
            assertThat(operator.get(state).at("/state")).isEqualTo("RUNNING");
        } finally {
            operator.put(state, Map.of("state", "RUNNING"));
        }
    }

    @Test
    @Order(3)
    void theDeadLettersSpeakSpanish() {
        browser.open(gateway(), "/operations.html");
        browser.await("the dead letters counted", page -> !page.findElements(By.id(ROW + "-waiting")).isEmpty());
        driver().findElement(By.cssSelector("button[data-language=es]")).click();
        browser.await("the page in Spanish", page -> text("dead-letters-heading").equals("Mensajes fallidos"));
        assertThat(text(ROW + "-heading")).isEqualTo("Eventos de solicitudes (de application-service)");
        assertThat(text(ROW)).contains("Tema de mensajes fallidos", "En espera", "Reproducir", "Consumidor",
                "En marcha", "Pausar");
        assertThat(text("dead-letters-refresh")).isEqualTo("Contar de nuevo");
        assertThat(text("dead-letters-associations")).isEqualTo(
                "Este servicio no consume ningún tema: aquí no puede esperar ningún mensaje fallido.");
        Accessibility.assertNoSeriousViolations(driver(), "the operations screen in Spanish");
        ((JavascriptExecutor) driver()).executeScript("localStorage.clear()");
    }

    /**
     * A submission as application-service publishes it, parked where the binder parks what payment-service's consumer
     * kept failing on (its {@code x-exception-*} and {@code x-original-*} headers with it), its cause since fixed.
     */
    private static void parkASubmissionPaymentServiceFailedToBill() {
        String person = "person-" + applicationId;
        String submitted = """
                {"tenantId":"ma","applicationId":"%s","personId":"%s","applicantName":"Ines Replayed",\
                "category":"IFA","submittedAt":"%s","contactEmail":"ines@example.org"}"""
                .formatted(applicationId, person, Instant.now());
        ProducerRecord<byte[], byte[]> parked = new ProducerRecord<>(DeadLetters.deadLetterTopic(TOPIC, GROUP),
                bytes(person), bytes(submitted));
        Map.of("ce_id", eventId, "ce_type", ApplicationSubmitted.TYPE, "ce_source", "application-service",
                        "ce_specversion", "1.0", "ce_time", Instant.now().toString(), "ce_subject", person,
                        "ce_tenantid", "ma", "content-type", "application/json",
                        "x-original-topic", TOPIC, "x-exception-message", "Connection refused: payment database")
                .forEach((name, value) -> parked.headers().add(name, bytes(value)));
        KafkaTopics.send(parked);
    }

    private static int invoicesIssued() {
        PostgresServer postgres = RealInfrastructure.postgres();
        JdbcTemplate payments = new JdbcTemplate(new DriverManagerDataSource(
                postgres.jdbcUrl(RunningPlatform.get().database("payment")), postgres.username(),
                postgres.password()));
        return payments.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%.InvoiceIssued'""", Integer.class,
                "INV-" + applicationId);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }

    private static String gateway() {
        return RunningPlatform.get().gatewayUrl();
    }

    private static WebDriver driver() {
        return browser.driver();
    }
}
