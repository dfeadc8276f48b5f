package org.iecmh.endorsement.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services alone in this JVM, on a PostgreSQL server, a Kafka broker and a token issuer that run elsewhere,
 * behind a gateway that runs elsewhere too: what the fault-injection test kills with {@code kill -9} and starts again.
 * <pre>
 * java -jar local.jar services --postgres=localhost:5432 --kafka=localhost:9092 --issuer=http://localhost:9000 \
 *      --gateway-port=8080 --ports=8081,8082,8083,8084,8085 [--kafka-prefix=p.] [--ready-file=path] \
 *      [-- settings of every service]
 * </pre>
 * The ports are those of {@link Platform#serviceNames()}, in that order; the databases, named as in
 * {@link Platform#databases()}, must exist (user and password {@code postgres}). The ready file, if named, is written
 * once every service is ready and has received the associations (a service answers its readiness probe before that).
 * They keep no files: where a test needs attachments, it gives the {@code iecmh.files.*} settings after {@code --}.
 */
final class LocalServices {

    private LocalServices() {
    }

    static void main(List<String> arguments) throws InterruptedException, IOException {
        long started = System.nanoTime();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> serviceArguments = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--")) {
                serviceArguments.addAll(arguments.subList(i + 1, arguments.size()));
                break;
            }
            if (!argument.startsWith("--") || !argument.contains("=")) {
                throw new IllegalArgumentException("Options are --name=value, then -- and the services' settings; not "
                        + argument);
            }
            options.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        String postgres = required(options, "postgres");
        List<String> names = Platform.serviceNames();
        String[] ports = required(options, "ports").split(",");
        if (ports.length != names.size()) {
            throw new IllegalArgumentException("--ports names " + names.size() + " ports, one for each of " + names);
        }
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            servicePorts.put(names.get(i), Integer.parseInt(ports[i].strip()));
        }
        Platform services = Platform.startServices(
                new Platform.Infrastructure(database -> "jdbc:postgresql://" + postgres + "/" + database, "postgres",
                        "postgres", required(options, "kafka"), options.getOrDefault("kafka-prefix", ""),
                        required(options, "issuer"), null),
                new Platform.Ports(Integer.parseInt(required(options, "gateway-port")), servicePorts),
                serviceArguments);
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "local-services-stop"));
        System.out.printf("[services] %s ready in %.1f s%n", String.join(", ", names),
                (System.nanoTime() - started) / 1e9);
        if (options.containsKey("ready-file")) {
            Files.writeString(Path.of(options.get("ready-file")), "ready\n");
        }
        Thread.currentThread().join();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }
}
