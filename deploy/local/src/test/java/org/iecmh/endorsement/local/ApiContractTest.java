package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;
import org.iecmh.endorsement.testkit.ApiExchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' OpenAPI descriptions against what the servers do, on every request the test classes before this one
 * sent ({@link ApiExchange#journal()}): each body a server accepted fits its operation's request schema; each refusal
 * names the field and the rule (400) or the rule (409, 410, 422); and each accepted body changed to carry a value of
 * the wrong kind in one of its fields is refused by the schema and by the server alike, 400 naming that field with
 * rule {@code type}. Runs last: it reads what the others sent.
 */
@Order(100)
@ExtendWith(RunningPlatform.class)
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bodies that must have been checked for the journal to mean anything (the other classes send hundreds). */
    private static final int AT_LEAST_CHECKED = 50;
    /** Changed bodies that must have been sent: a field of each accepted body's operations, one at a time. */
    private static final int AT_LEAST_CHANGED = 30;

    /** An operation of a service's description: its path as a pattern, and its request body's schema if any. */
    private record Operation(String service, String method, String template, Pattern path, JsonSchema body,
                             JsonNode bodySchema) {

        String name() {
            return service + " " + method + " " + template;
        }
    }

    private static final List<Operation> OPERATIONS = new ArrayList<>();
    /** Each described parameter, as "service METHOD path: name in where, schema". */
    private static final List<String> PARAMETERS = new ArrayList<>();

    @BeforeAll
    static void readTheDescriptions() {
        RunningPlatform platform = RunningPlatform.get();
        for (String service : Platform.serviceNames()) {
            Response docs = ApiClient.at(platform.platform().serviceUrl(service)).get("/v3/api-docs");
            assertThat(docs.status()).as(service + " describes its API").isEqualTo(200);
            JsonNode description = docs.body();
            description.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                JsonNode schema = op.getValue().at("/requestBody/content/application~1json/schema");
                op.getValue().path("parameters").forEach(parameter -> PARAMETERS.add(service + " "
                        + op.getKey().toUpperCase() + " " + path.getKey() + ": " + parameter.path("name").asText()
                        + " in " + parameter.path("in").asText() + ", " + parameter.path("schema")));
                OPERATIONS.add(new Operation(service, op.getKey().toUpperCase(), path.getKey(),
                        Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")),
                        schema.isMissingNode() ? null : compile(description, schema),
                        schema.isMissingNode() ? null : schema));
            }));
        }
        // A literal segment wins over a template: /api/applications/mine before /api/applications/{applicationId}.
        OPERATIONS.sort(Comparator.comparingLong(o -> o.template().chars().filter(c -> c == '{').count()));
    }

    /** A parameter a server fills itself (the actor, from the token) is no parameter for a client to send. */
    @Test
    void everyDescribedParameterIsAValueAClientSendsInThePathQueryOrAHeader() {
        assertThat(PARAMETERS).isNotEmpty().noneMatch(parameter -> parameter.contains("\"$ref\""))
                .allMatch(parameter -> parameter.matches(".* in (path|query|header), .*"));
    }

    @Test
    void everyBodyAServerAcceptedFitsTheRequestSchemaItsDescriptionGives() {
        List<String> misfits = new ArrayList<>();
        int checked = 0;
        for (ApiExchange exchange : jsonCommands()) {
            if (exchange.response().status() >= 300) {
                continue;
            }
            Optional<Operation> operation = operation(exchange);
            if (operation.isEmpty()) {
                misfits.add(exchange.method() + " " + exchange.path() + ": no operation describes it");
                continue;
            }
            if (operation.get().body() == null) {
                misfits.add(operation.get().name() + " accepted a body its description does not mention");
                continue;
            }
            checked++;
            operation.get().body().validate(read(exchange.body())).forEach(message ->
                    misfits.add(operation.get().name() + ": " + message.getMessage() + " in " + exchange.body()));
        }

        System.out.printf("[api-contract] %d accepted bodies checked against %d described operations%n", checked,
                OPERATIONS.size());
        assertThat(checked).as("bodies checked (run with the other test classes of this module)")
                .isGreaterThanOrEqualTo(AT_LEAST_CHECKED);
        assertThat(new LinkedHashSet<>(misfits)).isEmpty();
    }

    @Test
    void everyRefusalNamesTheFieldAndTheRuleOrTheRule() {
        List<String> unnamed = new ArrayList<>();
        int refusals = 0;
        for (ApiExchange exchange : ApiExchange.journal()) {
            int status = exchange.response().status();
            if (!exchange.path().startsWith("/api/") || !Set.of(400, 409, 410, 422).contains(status)) {
                continue;
            }
            refusals++;
            JsonNode problem = exchange.response().body();
            boolean named = status == 400
                    ? problem.path("errors").size() > 0 && allHave(problem.path("errors"), "field", "rule")
                    : problem.hasNonNull("rule");
            if (!named) {
                unnamed.add(exchange.method() + " " + exchange.path() + " " + status + " " + exchange.response().text());
            }
        }

        System.out.printf("[api-contract] %d refusals read%n", refusals);
        assertThat(refusals).as("refusals seen").isPositive();
        assertThat(new LinkedHashSet<>(unnamed)).isEmpty();
    }

    @Test
    void aValueOfTheWrongKindInAnyFieldIsRefusedByTheSchemaAndTheServerNamingTheField() {
        RunningPlatform platform = RunningPlatform.get();
        Map<String, ApiExchange> accepted = new LinkedHashMap<>();
        for (ApiExchange exchange : jsonCommands()) {
            operation(exchange).filter(o -> o.body() != null && exchange.response().status() < 300
                            && read(exchange.body()).isObject())
                    .ifPresent(o -> accepted.putIfAbsent(o.name(), exchange));
        }
        List<String> misfits = new ArrayList<>();
        int sent = 0;
        for (ApiExchange exchange : accepted.values()) {
            Operation operation = operation(exchange).orElseThrow();
            ApiClient direct = ApiClient.at(platform.platform().serviceUrl(operation.service()));
            ObjectNode body = (ObjectNode) read(exchange.body());
            for (var field : iterable(body.fieldNames())) {
                JsonNode value = body.get(field);
                if (value.isNull() || value.isObject()) {
                    continue;
                }
                ObjectNode wrong = body.deepCopy();
                wrong.set(field, value.isTextual() ? IntNode.valueOf(42) : TextNode.valueOf("of the wrong kind"));
                sent++;
                String what = operation.name() + " with " + field + " = " + wrong.get(field);
                if (operation.body().validate(wrong).isEmpty()) {
                    misfits.add(what + ": the schema accepts it");
                }
                Response answer = direct.replay(exchange, wrong.toString());
                if (answer.status() != 400 || !namesField(answer.body(), field)) {
                    misfits.add(what + ": the server answered " + answer);
                }
            }
        }

        System.out.printf("[api-contract] %d changed bodies of %d operations sent%n", sent, accepted.size());
        assertThat(sent).as("changed bodies sent").isGreaterThanOrEqualTo(AT_LEAST_CHANGED);
        assertThat(misfits).isEmpty();
    }

    private static boolean namesField(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            String named = error.path("field").asText();
            if ((named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "["))
                    && error.path("rule").asText().equals("type")) {
                return true;
            }
        }
        return false;
    }

    private static List<ApiExchange> jsonCommands() {
        return ApiExchange.journal().stream()
                .filter(e -> e.body() != null && e.path().startsWith("/api/"))
                .filter(e -> e.headers().getOrDefault("Content-Type", "application/json").contains("json"))
                .toList();
    }

    private static Optional<Operation> operation(ApiExchange exchange) {
        String path = exchange.path().split("\\?", 2)[0];
        return OPERATIONS.stream()
                .filter(o -> o.method().equals(exchange.method()) && o.path().matcher(path).matches())
                .findFirst();
    }

    private static boolean allHave(JsonNode errors, String... members) {
        for (JsonNode error : errors) {
            for (String member : members) {
                if (!error.hasNonNull(member) || error.get(member).asText().isBlank()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The schema, with the description's components beside it so that its references resolve. */
    private static JsonSchema compile(JsonNode description, JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", description.get("components"));
        root.setAll((ObjectNode) schema.deepCopy());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(root, SchemaValidatorsConfig.builder().build());
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + text, e);
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
