package org.iecmh.endorsement.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealInfrastructureTest {

    @Test
    void postgresIsARealServerThatEvaluatesJsonb() throws SQLException {
        PostgresServer postgres = RealInfrastructure.postgres();
        String database = postgres.createDatabase("jsonb round trip");

        try (Connection connection = connect(postgres, database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE document (id int PRIMARY KEY, body jsonb NOT NULL)");
            sql.execute("INSERT INTO document VALUES (1, '{\"category\": {\"level\": 3, \"abbreviation\": \"IMHS\"}}')");
            ResultSet row = sql.executeQuery(
                    "SELECT body -> 'category' ->> 'abbreviation', jsonb_typeof(body -> 'category' -> 'level'), "
                            + "body @> '{\"category\": {\"level\": 3}}' FROM document");
            row.next();
            assertThat(row.getString(1)).isEqualTo("IMHS");
            assertThat(row.getString(2)).isEqualTo("number");
            assertThat(row.getBoolean(3)).isTrue();
        }
    }

    @Test
    void everyCreatedDatabaseStartsEmptyAndApartFromTheOthers() throws SQLException {
        PostgresServer postgres = RealInfrastructure.postgres();
        String first = postgres.createDatabase("isolation");
        String second = postgres.createDatabase("isolation");
        assertThat(first).isNotEqualTo(second);

        try (Connection connection = connect(postgres, first); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE only_in_first (id int)");
        }
        try (Connection connection = connect(postgres, second); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM only_in_first"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void theS3ServerIsARealOneThatRefusesUnsignedRequests() throws IOException {
        S3Server s3 = RealInfrastructure.s3();
        assertThat(RealInfrastructure.s3()).isSameAs(s3);

        HttpURLConnection connection = (HttpURLConnection) s3.endpoint().resolve("/any-bucket")
                .toURL().openConnection();
        connection.setRequestMethod("PUT");
        assertThat(connection.getResponseCode()).isEqualTo(403);
        try (InputStream body = connection.getErrorStream()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("AccessDenied");
        }
    }

    @Test
    void everyTestGetsABucketOfItsOwnWithANameS3Accepts() {
        assertThat(RealInfrastructureProperties.bucketName("FileStoreTest", 1)).isEqualTo("files-filestoretest-1");
        assertThat(RealInfrastructureProperties.bucketName("Évidence: upload / read", 12))
                .isEqualTo("files-vidence-upload-read-12");
        assertThat(RealInfrastructureProperties.bucketName("x".repeat(80), 3)).hasSize(63).endsWith("x-3");
        String bucket = RealInfrastructureProperties.FILES_BUCKET;
        assertThat(RealInfrastructureProperties.forFiles("a").get(bucket))
                .isNotEqualTo(RealInfrastructureProperties.forFiles("a").get(bucket));
    }

    @Test
    void theSameServerAndBrokerServeTheWholeJvm() {
        assertThat(RealInfrastructure.postgres()).isSameAs(RealInfrastructure.postgres());
        assertThat(RealInfrastructure.kafka()).isSameAs(RealInfrastructure.kafka());
    }

    @Test
    void kafkaIsARealBrokerThatKeepsOrderPerKey() {
        String brokers = RealInfrastructure.kafka().bootstrapServers();
        String topic = "test-kit.round-trip." + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, "person-1", "event " + i));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-kit",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (received.size() < 3 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).extracting(ConsumerRecord::value).containsExactly("event 1", "event 2", "event 3");
        assertThat(received).extracting(ConsumerRecord::key).containsOnly("person-1");
    }

    @Test
    void databaseNamesAreLegalPostgresIdentifiers() {
        assertThat(PostgresServer.databaseName("ApplicationServiceReadinessTest", 7))
                .isEqualTo("applicationservicereadinesstest_7");
        assertThat(PostgresServer.databaseName("x".repeat(100), 12)).hasSize(63).endsWith("_12");
    }

    private static Connection connect(PostgresServer postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }
}
