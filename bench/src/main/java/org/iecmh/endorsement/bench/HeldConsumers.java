package org.iecmh.endorsement.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' consumers of one topic, paused through each service's operator endpoint (as the platform operator)
 * so that records wait on the topic, then let go one service at a time: a consumer's own rate is timed on a backlog,
 * as a plain consumer's is, rather than bounded by how fast the records are published. Closing resumes every consumer
 * it paused, whatever happened meanwhile, and so does stopping the benchmark (Ctrl-C) before it closes.
 */
final class HeldConsumers implements AutoCloseable {

    /** Each service that consumes integration events, and where its operator manages its consumers. */
    private static final Map<String, Service> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("registry-service", new Service(Target.REGISTRY_SERVICE, "/api/registry/admin/dead-letters"));
        SERVICES.put("renewal-service", new Service(Target.RENEWAL_SERVICE, "/api/endorsements/dead-letters"));
        SERVICES.put("payment-service", new Service(Target.PAYMENT_SERVICE, "/api/payments/dead-letters"));
        SERVICES.put("application-service", new Service(Target.APPLICATION_SERVICE, "/api/applications/dead-letters"));
    }

    private static final Pattern BINDING = Pattern.compile(
            "\"binding\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"topic\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration PAUSING = Duration.ofSeconds(30);
    private static final String OPERATOR = "operator";

    private record Service(int port, String consumers) {
    }

    /** A service's binding of the topic. */
    private record Held(String service, String url) {
    }

    private final Target target;
    private final List<Held> held = new ArrayList<>();
    private final Thread onStop = new Thread(this::resumeAll, "bench-resume-consumers");

    private HeldConsumers(Target target) {
        this.target = target;
        Runtime.getRuntime().addShutdownHook(onStop);
    }

    /** Pauses every service's consumer of {@code topic}; answers once none of them fetches any more. */
    static HeldConsumers pause(Target target, String topic) throws InterruptedException {
        HeldConsumers consumers = new HeldConsumers(target);
        try {
            for (Map.Entry<String, Service> service : SERVICES.entrySet()) {
                String list = target.url(service.getValue().port(), service.getValue().consumers());
                Target.Answer bindings = target.get(list, target.as(OPERATOR, "ma"));
                if (!bindings.ok()) {
                    throw new IllegalStateException(service.getKey() + " did not list its consumers: "
                            + bindings.status() + " " + bindings.body());
                }
                Matcher found = BINDING.matcher(bindings.body());
                while (found.find()) {
                    if (found.group(2).equals(topic)) {
                        consumers.hold(new Held(service.getKey(), list + "/" + found.group(1) + "/state"));
                    }
                }
            }
            long deadline = System.nanoTime() + PAUSING.toNanos();
            for (Held each : consumers.held) {
                while (!"PAUSED".equals(Json.text(target.get(each.url(), target.as(OPERATOR, "ma")).body(),
                        "state"))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(each.url() + " was not paused within " + PAUSING);
                    }
                    Thread.sleep(20);
                }
            }
            return consumers;
        } catch (RuntimeException | InterruptedException e) {
            consumers.close();
            throw e;
        }
    }

    /** How many bindings were paused: none means no service consumes the topic. */
    int count(String service) {
        return (int) held.stream().filter(each -> each.service().equals(service)).count();
    }

    /** Lets the service's consumers of the topic go on from where they stopped. */
    void resume(String service) {
        for (Held each : held) {
            if (each.service().equals(service)) {
                change(each, "RUNNING");
            }
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onStop);
        } catch (IllegalStateException stopping) {
            // The JVM is stopping: the hook resumes them.
            return;
        }
        resumeAll();
    }

    private synchronized void resumeAll() {
        for (Held each : held) {
            try {
                change(each, "RUNNING");
            } catch (RuntimeException e) {
                Bench.say("  NOT RESUMED, resume it by hand: " + e.getMessage());
            }
        }
    }

    private synchronized void hold(Held binding) {
        held.add(binding);
        change(binding, "PAUSED");
    }

    private void change(Held binding, String state) {
        Target.Answer answer = target.put(binding.url(), target.as(OPERATOR, "ma"), "{\"state\":\"" + state + "\"}");
        if (!answer.ok()) {
            throw new IllegalStateException(binding.url() + " did not become " + state + ": " + answer.status() + " "
                    + answer.body());
        }
    }
}
