package org.iecmh.endorsement.renewal.schedule;

import org.iecmh.endorsement.contracts.EndorsementLapsed;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.RenewalVersion;
import org.iecmh.endorsement.renewal.RenewalServiceApplication;
import org.iecmh.endorsement.renewal.RenewalServiceTestBase;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.PublishedAssociations;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The renewal schedule: steps planned by the policy in force, planned again when it changes, taken once. */
class ScheduleServiceTest extends RenewalServiceTestBase {

    @Test
    void anAssociationPublishedAtRuntimeIsPlannedByTheRenewalVersionInForceAndTheEventNamesIt() {
        Association ma = PublishedAssociations.seeded("ma");
        RenewalVersion first = ma.renewal().get(0);
        // From 2027 New York's window opens on March 1 for a June 30 due date, where it opened on April 1 before.
        Association ny = PublishedAssociations.copy(ma, "ny", "New York test association", "America/New_York")
                .withRenewal(List.of(yearly(first, LocalDate.of(2020, 1, 1), "04-01"),
                        yearly(first, LocalDate.of(2027, 1, 1), "03-01")));
        PublishedAssociations.publish(environment, ny);
        grant("ny", "NY-000201", "person-201", "IFA", LocalDate.of(2027, 6, 30));
        ApiClient coordinator = ApiClient.onPort(port).as("ny", "coordinator-ny", "COORDINATOR");

        sweepOn(LocalDate.of(2027, 2, 28));
        assertThat(countEvents("NY-000201", "RenewalWindowOpened")).isZero();
        sweepOn(LocalDate.of(2027, 3, 1));

        assertThat(coordinator.get("/api/endorsements/NY-000201").at("/renewal")).isEqualTo("WINDOW_OPEN");
        Response history = ApiClient.onPort(port).as("ny", "auditor-ny", "AUDITOR")
                .get("/api/audit/endorsements/NY-000201/events?type=RenewalWindowOpened");
        assertThat(history.at("/events/0/payload/opensOn")).isEqualTo("2027-03-01");
        assertThat(history.at("/events/0/payload/policyEffectiveFrom")).isEqualTo("2027-01-01");
    }

    private static RenewalVersion yearly(RenewalVersion template, LocalDate effectiveFrom, String opens) {
        return new RenewalVersion(effectiveFrom, "yearly", "06-30", opens, null, null, null, template.graceDays(),
                template.reminderDaysBeforeOpening(),
                template.reminderDaysBeforeClosing(), template.trainingHoursPerYear(), template.deiHoursPerYear(),
                template.reflectiveSupervisionHoursPerYear(), template.reflectiveSupervisionCategories(),
                template.codeOfEthicsPerYear(), template.membershipPerYear(), template.inactiveMaximumMonths(),
                template.reinstatementFee(), template.auditPercent());
    }

    @Test
    void aRenewalVersionPublishedLaterReplansTheStepsStillAheadAndSendsNoReminderTwice() {
        RenewalVersion first = PublishedAssociations.seeded("ma").renewal().get(0);
        Association rp = PublishedAssociations.copy(PublishedAssociations.seeded("ma"), "rp",
                "Re-planned test association", "America/New_York").withRenewal(List.of(
                version(first, LocalDate.of(2020, 1, 1), "10-01", List.of(30), List.of(30, 7))));
        PublishedAssociations.publish(environment, rp);
        grant("rp", "RP-000301", "person-301", "IFA", LocalDate.of(2027, 12, 31));
        assertThat(stepsOf("RP-000301")).contains("OPEN_WINDOW 0 2027-10-01", "REMIND_OPENING 30 2027-09-01",
                "REMIND 30 2027-12-01", "REMIND 7 2027-12-24");
        sweepOn(LocalDate.of(2027, 9, 2));
        assertThat(countEvents("RP-000301", "RenewalReminderDue")).isEqualTo(1);

        // From September 15 the window opens on October 15, with reminders 30 and 14 days before it and 60 and 10
        // days before the close: the cycle that closes on December 31 follows it.
        Association changed = rp.withRenewal(List.of(rp.renewal().get(0),
                version(first, LocalDate.of(2027, 9, 15), "10-15", List.of(30, 14), List.of(60, 10))));
        PublishedAssociations.publish(environment, changed);
        List<String> replanned = stepsOf("RP-000301");
        PublishedAssociations.publish(environment, changed.withRenewal(changed.renewal()));

        assertThat(replanned).containsExactly("REMIND_OPENING 30 2027-09-15", "REMIND_OPENING 14 2027-10-01",
                "OPEN_WINDOW 0 2027-10-15", "REMIND 60 2027-11-01", "REMIND 10 2027-12-21",
                "LAPSE 0 " + LocalDate.of(2027, 12, 31).plusDays(first.graceDays() + 1));
        assertThat(stepsOf("RP-000301")).isEqualTo(replanned);
        sweepOn(LocalDate.of(2027, 9, 15));
        assertThat(countEvents("RP-000301", "RenewalReminderDue")).as("the 30-day reminder went already").isEqualTo(1);
        sweepOn(LocalDate.of(2027, 10, 1));
        assertThat(countEvents("RP-000301", "RenewalReminderDue")).isEqualTo(2);
        assertThat(countEvents("RP-000301", "RenewalWindowOpened")).isZero();
        sweepOn(LocalDate.of(2027, 10, 15));
        assertThat(countEvents("RP-000301", "RenewalWindowOpened")).isEqualTo(1);
    }

    private static RenewalVersion version(RenewalVersion template, LocalDate effectiveFrom, String opens,
                                          List<Integer> beforeOpening, List<Integer> beforeClosing) {
        return new RenewalVersion(effectiveFrom, "yearly", "12-31", opens, null, null, null, template.graceDays(),
                beforeOpening, beforeClosing,
                template.trainingHoursPerYear(), template.deiHoursPerYear(),
                template.reflectiveSupervisionHoursPerYear(), template.reflectiveSupervisionCategories(),
                template.codeOfEthicsPerYear(), template.membershipPerYear(), template.inactiveMaximumMonths(),
                template.reinstatementFee(), template.auditPercent());
    }

    @Test
    void twoInstancesSweepingTogetherTakeEachStepExactlyOnce() throws Exception {
        List<String> numbers = List.of("MA-000041", "MA-000042", "MA-000043", "MA-000044", "MA-000045");
        for (String number : numbers) {
            grant("ma", number, "person-" + number, "IFA", LocalDate.of(2027, 12, 31));
        }
        try (ConfigurableApplicationContext second = secondInstance()) {
            Schedule secondSchedule = second.getBean(Schedule.class);

            CLOCK.set(Instant.parse("2027-12-25T12:00:00Z"));
            race(schedule, secondSchedule);
            CLOCK.set(Instant.parse("2028-02-01T12:00:00Z"));
            race(schedule, secondSchedule);
        }

        for (String number : numbers) {
            assertThat(countEvents(number, "RenewalWindowOpened")).as(number).isEqualTo(1);
            // The two before the close; the one before the opening is not sent once the window is open.
            assertThat(countEvents(number, "RenewalReminderDue")).as(number).isEqualTo(2);
            assertThat(countEvents(number, "EndorsementLapsed")).as(number).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_step WHERE endorsement_number LIKE 'MA-00004%'",
                Integer.class)).isZero();
    }

    private void race(Schedule first, Schedule second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> awaitThen(start, first));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> awaitThen(start, second));
        start.countDown();
        one.get(60, TimeUnit.SECONDS);
        two.get(60, TimeUnit.SECONDS);
    }

    private static int awaitThen(CountDownLatch start, Schedule schedule) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return schedule.sweep();
    }

    /** A second renewal-service on the same database and broker, as a second pod would be. */
    private ConfigurableApplicationContext secondInstance() {
        List<String> args = new ArrayList<>();
        for (String property : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.kafka.bootstrap-servers",
                "spring.cloud.stream.kafka.binder.brokers", "iecmh.kafka.prefix")) {
            args.add("--" + property + "=" + environment.getProperty(property));
        }
        args.add("--server.port=0");
        args.add("--iecmh.schedule.automatic=false");
        org.springframework.boot.SpringApplication application = RenewalServiceApplication.application();
        application.addPrimarySources(List.of(MovableClock.class));
        return application.run(args.toArray(String[]::new));
    }
}
