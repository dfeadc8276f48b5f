package org.iecmh.endorsement.kit;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TimeoutProperties;
import org.iecmh.endorsement.kit.audit.ChainVerification;
import org.iecmh.endorsement.kit.audit.EventChain;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.iecmh.endorsement.kit.eventstore.AggregateReplay;
import org.iecmh.endorsement.kit.jdbc.ServiceJdbcTemplate;
import org.iecmh.endorsement.kit.sample.SampleApplication;
import org.iecmh.endorsement.kit.security.VerifiedTokens;
import org.iecmh.endorsement.kit.sample.SampleSubmission;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.WithRealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a command is stored: in one Spring transaction on one connection, its events linked into their chains in the
 * same statements, with no second connection taken, however many commands run at once.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.maximum-pool-size=4", "iecmh.event-store.snapshot-every=10"})
@WithRealInfrastructure
class WritePathTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventChain chain;
    @Autowired
    CommandBus commandBus;
    @Autowired
    EventStore eventStore;

    @Test
    void axonsUnitOfWorkRunsInTheSpringTransactionOnItsConnection(
            @Autowired TransactionManager axonTransactions, @Autowired PlatformTransactionManager springTransactions,
            @Autowired ConnectionProvider connections) {
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
        assertThat(ReflectionTestUtils.getField(axonTransactions, "transactionManager"))
                .isSameAs(springTransactions);
        assertThat(springTransactions).isInstanceOf(DataSourceTransactionManager.class);
        assertThat(connections).isInstanceOf(UnitOfWorkAwareConnectionProviderWrapper.class);
    }

    /** A unit of work (a command, a processor's batch) is watched; each handler inside it is not watched again. */
    @Test
    void axonWatchesEachUnitOfWorkButNotEveryHandlerCallInside(@Autowired TimeoutProperties timeouts) {
        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(timeouts.getTransaction().getCommandBus().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getTimeoutMs()).isPositive();
        for (TaskTimeoutSettings handler : List.of(timeouts.getHandler().getCommands(),
                timeouts.getHandler().getEvents(), timeouts.getHandler().getQueries())) {
            assertThat(handler.getTimeoutMs()).isNegative();
            assertThat(handler.getWarningThresholdMs()).isNegative();
        }
    }

    @Test
    void statementsBindTheirArgumentsThroughTheServicesOwnJdbcTemplate(
            @Autowired NamedParameterJdbcTemplate named) {
        assertThat(jdbc).isInstanceOf(ServiceJdbcTemplate.class);
        assertThat(named.getJdbcTemplate()).isSameAs(jdbc);
        assertThat(jdbc.queryForObject("SELECT ? || ':' || ? || ':' || ?::date", String.class, "text", 7,
                java.sql.Date.valueOf("2026-12-03"))).isEqualTo("text:7:2026-12-03");
    }

    @Test
    void theServiceChecksTokensWithADecoderThatRemembersVerifiedOnes(@Autowired JwtDecoder decoder) {
        assertThat(decoder).isInstanceOf(VerifiedTokens.class);
        assertThat(submit("person-token", "Tess Token").status()).isEqualTo(201);
    }

    @Test
    void theEventsTheirLinkTheHeadAndTheReadModelAreWrittenByOneTransaction() {
        String id = submit("person-one", "Zoë One").at("/id");
        client().put("/samples/" + id + "/name", Map.of("name", "Zoë Renamed"));

        // xmin is the id of the transaction that wrote a row version: one command, one transaction.
        String renamedBy = jdbc.queryForObject("SELECT xmin::text FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id);
        assertThat(jdbc.queryForObject("SELECT xmin::text FROM event_chain_head WHERE aggregate_identifier = ?",
                String.class, id)).isEqualTo(renamedBy);
        assertThat(jdbc.queryForObject("SELECT xmin::text FROM sample_view WHERE id = ?", String.class, id))
                .isEqualTo(renamedBy);
        assertThat(jdbc.queryForObject("SELECT chain_hash FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", String.class, id))
                .isEqualTo(chain.head(id).orElseThrow().chainHash());
        assertThat(chain.verifyStream(id).intact()).isTrue();
    }

    @Test
    void aFailureAfterTheAppendLeavesNoEventNoLinkAndNoHead() {
        Registration injection = failAfterTheAppend();
        Response failed;
        try {
            failed = submit("person-failing", "Fay Failing");
        } finally {
            injection.cancel();
        }

        assertThat(failed.status()).isEqualTo(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE convert_from(payload, 'UTF8')::jsonb ->> 'personId' = 'person-failing'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_person_stream WHERE person_id = 'person-failing'",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sample_view WHERE person_id = 'person-failing'",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS"
                + " (SELECT 1 FROM event_chain_head h WHERE h.aggregate_identifier = e.aggregate_identifier)",
                Long.class)).isZero();
        // The same command without the fault is stored as if nothing had happened.
        String id = submit("person-failing", "Fay Failing").at("/id");
        assertThat(chain.verifyStream(id).intact()).isTrue();
    }

    /**
     * The database goes away in the middle of storing a command's events (its server process ends as the last of the
     * command's statements runs, as when PostgreSQL crashes): the command must fail, never answer that it was done.
     */
    @Test
    void aCommandWhoseDatabaseDiesWhileItsEventsAreStoredFailsAndLeavesNothing() {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION die_storing_person() RETURNS trigger AS $$
                BEGIN
                    IF NEW.person_id = 'person-dying' THEN
                        PERFORM pg_terminate_backend(pg_backend_pid());
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER die_storing_person BEFORE INSERT ON audit_person_stream"
                + " FOR EACH ROW EXECUTE FUNCTION die_storing_person()");
        Response answer;
        try {
            answer = submit("person-dying", "Dee Dying");
        } finally {
            jdbc.execute("DROP TRIGGER die_storing_person ON audit_person_stream");
            jdbc.execute("DROP FUNCTION die_storing_person()");
        }

        assertThat(answer.status()).as(answer.text()).isGreaterThanOrEqualTo(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE convert_from(payload, 'UTF8')::jsonb ->> 'personId' = 'person-dying'", Long.class))
                .isZero();
    }

    @Test
    void aCommandWhoseConnectionDiesLeavesNoTransactionBehindForTheNextCommandOnItsThread(
            @Autowired DataSource dataSource, @Autowired CommandGateway commands) {
        String first = submit("person-cut", "Cy Cut").at("/id");
        String second = submit("person-next", "Nia Next").at("/id");
        // The command's connection is cut by the server before the command reads anything, as when the database
        // crashes under it.
        Registration injection = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Integer backend = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
            try (Connection other = dataSource.getConnection(); Statement cut = other.createStatement()) {
                cut.execute("SELECT pg_terminate_backend(" + backend + ", 5000)");
            }
            return chain.proceed();
        });
        Throwable failed = null;
        try {
            commands.sendAndWait(new SampleSubmission.Rename(first, "Cy Renamed"),
                    AuditMetadata.of("ma", "applicant-1", "APPLICANT"));
        } catch (RuntimeException e) {
            failed = e;
        } finally {
            injection.cancel();
        }
        assertThat(failed).as("the command whose connection died").isNotNull();
        assertThat(TransactionSynchronizationManager.hasResource(dataSource))
                .as("a transaction left bound to the thread").isFalse();

        // The next command on the same thread is stored, in a transaction of its own.
        commands.sendAndWait(new SampleSubmission.Rename(second, "Nia Renamed"),
                AuditMetadata.of("ma", "applicant-1", "APPLICANT"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, second)).isEqualTo(2);
    }

    @Test
    void manyCommandsAtOnceOnAPoolOfFourFinishSealedWithoutTimeoutOrServerError() throws Exception {
        String shared = submit("person-shared", "Sam Shared").at("/id");
        ExecutorService callers = Executors.newFixedThreadPool(80);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            IntStream.range(0, 64).forEach(i -> calls.add(() -> submit("person-" + i, "Name " + i)));
            IntStream.range(0, 16).forEach(i -> calls.add(
                    () -> client().put("/samples/" + shared + "/name", Map.of("name", "Renamed " + i))));
            List<Future<Response>> answers = callers.invokeAll(calls, 60, TimeUnit.SECONDS);

            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                assertThat(answer.isCancelled()).as("a command timed out").isFalse();
                statuses.add(answer.get().status());
            }
            assertThat(statuses.subList(0, 64)).containsOnly(201);
            // Racing on one aggregate, a command either lands or is told of the conflict; at least one lands.
            assertThat(statuses.subList(64, 80)).containsAnyOf(200).allMatch(s -> s == 200 || s == 409);
        } finally {
            callers.shutdownNow();
        }
        long renamed = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, shared) - 1;
        assertThat(chain.head(shared).orElseThrow().sequenceNumber()).isEqualTo(renamed);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE chain_hash IS NULL",
                Long.class)).isZero();
        ChainVerification verification = chain.verifyTenant("ma", "SampleSubmission");
        assertThat(verification.intact()).as(String.valueOf(verification.firstBrokenLink())).isTrue();
        assertThat(verification.aggregatesChecked()).isGreaterThanOrEqualTo(65);
    }

    @Test
    void aLongStreamIsLoadedFromASnapshotOfReadableJsonThatGivesTheStateOfAFullReplay() {
        String id = submit("person-long", "Lou Long").at("/id");
        for (int i = 1; i <= 25; i++) {
            assertThat(client().put("/samples/" + id + "/name", Map.of("name", "Lou " + i)).status()).isEqualTo(200);
        }

        // Snapshots are taken after the commit, off the request thread; one for the stream is enough here.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, id) > 0);
        Map<String, Object> snapshot = jdbc.queryForMap("""
                SELECT sequence_number, convert_from(payload, 'UTF8')::jsonb ->> 'personId' AS person,
                       convert_from(payload, 'UTF8')::jsonb ->> 'renames' AS renames
                FROM snapshot_event_entry WHERE aggregate_identifier = ?""", id);
        assertThat(snapshot.get("person")).isEqualTo("person-long");
        // Every event after the first is a rename, so the snapshot after event n has n renames.
        assertThat(Long.parseLong((String) snapshot.get("renames")))
                .isEqualTo(((Number) snapshot.get("sequence_number")).longValue()).isGreaterThanOrEqualTo(9);
        assertThat(eventStore.readEvents(id).peek().getPayloadType()).isEqualTo(SampleSubmission.class);
        SampleSubmission fromSnapshot = AggregateReplay.fromSnapshot(eventStore, SampleSubmission.class, id);
        SampleSubmission replayed = AggregateReplay.fromEveryEvent(eventStore, SampleSubmission.class, id);
        assertThat(replayed).hasFieldOrPropertyWithValue("renames", 25).hasFieldOrPropertyWithValue("name", "Lou 25");
        assertThat(fromSnapshot).usingRecursiveComparison().isEqualTo(replayed);
        // An auditor's past state and history still come from every event, never from the snapshot.
        ApiClient auditor = ApiClient.onPort(port).as("ma", "auditor-ma", "AUDITOR");
        assertThat(auditor.get("/api/audit/samples/" + id + "/state?sequence=3").at("/view/name")).isEqualTo("Lou 3");
        assertThat(auditor.get("/api/audit/samples/" + id + "/events").at("/total")).isEqualTo("26");
    }

    @Test
    void anAggregateInMemoryIsNotUsedOnceAnotherInstanceExtendedItsStream() {
        String id = submit("person-cached", "Cy Cached").at("/id");
        assertThat(client().put("/samples/" + id + "/name", Map.of("name", "Cy One")).status()).isEqualTo(200);

        // Another instance of the service stores the next event; this one's cached aggregate is now behind.
        eventStore.publish(new GenericDomainEventMessage<>("SampleSubmission", id, 2,
                new SampleSubmission.Renamed(id, "person-cached", "Cy Elsewhere"),
                MetaData.with(AuditMetadata.TENANT, "ma")));

        assertThat(client().put("/samples/" + id + "/name", Map.of("name", "Cy Three")).status()).isEqualTo(200);
        assertThat(chain.head(id).orElseThrow().sequenceNumber()).isEqualTo(3);
        assertThat(chain.verifyStream(id).intact()).isTrue();
    }

    /** Throws once the command's events are appended and the read model updated, before the commit. */
    private Registration failAfterTheAppend() {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            unitOfWork.onPrepareCommit(u -> {
                throw new IllegalStateException("fault injected after the append, before the commit");
            });
            return result;
        };
        return commandBus.registerHandlerInterceptor(interceptor);
    }

    private Response submit(String personId, String name) {
        return client().post("/samples", Map.of("personId", personId, "name", name, "category", "IMHS"));
    }

    private ApiClient client() {
        return ApiClient.onPort(port).as("ma", "applicant-1", "APPLICANT");
    }
}
