package io.insiders.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.insiders.api.ApiClient;
import io.insiders.api.InsidersApplication;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.schemas.Topics;
import io.insiders.schemas.testing.PropertyCheck;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes every operation of the API, as the application's own OpenAPI document lists them when the
 * test runs (so an endpoint added later is fuzzed as soon as it is documented): its path parameters,
 * query parameters and body, each generated from the document's schema and then spoiled (wrong
 * types, bounds, encodings, nulls, missing and extra fields, deep nesting, bytes that are not JSON),
 * sent anonymously and as an authenticated manager. No answer may be a server error.
 *
 * <p>The inputs come from seeded random sources ({@link PropertyCheck#random}): a failure names the
 * operation and the try, and {@code -Dinsiders.property.seed=...} explores other inputs.
 */
@SpringBootTest(classes = InsidersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"insiders.throttling.enabled=false", "insiders.streams.store-wait=2s"})
class EndpointFuzzTest {

    private static final int TRIES_PER_OPERATION = 40;
    private static final long DEVICE_ID = 81;
    private static final String DEVICE = "864475041000081";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** Values that are written into a URL as they are: encodings and path tricks. */
    private static final List<String> RAW_VALUES = List.of("%00", "%2F", "%2e%2e", "..", "%ff", "%", "%C0%AF", "+", "%20", "");
    /** Values that are URL-encoded before they are sent. */
    private static final List<String> NASTY_VALUES = List.of("0", "-1", "1", "2147483648", "-9223372036854775809",
            "99999999999999999999999", "1.5", "1e3", "NaN", "Infinity", "true", "null", "abc", " 7", "7 ", "0x1F", "' OR 1=1 --",
            "<script>", "é☃\uD83D\uDE00", "\u0000", "\uFFFF", "${jndi:ldap://x}", "2021-05-29T16:12:00Z", "2021-13-45T99:99:99Z",
            "-292275055-05-16T16:47:04.192Z", "+1000000000-01-01T00:00:00Z", "1622305143900", "-1622305143900", "[]", "{}",
            "job-00000000-0000-0000-0000-000000000000");

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    /** One operation of the document. */
    private record Operation(String method, String path, List<JsonNode> parameters, JsonNode body) {

        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** A request that answered a server error, for the failure message. */
    private record Problem(String operation, boolean authenticated, int attempt, String method, String target,
                           String contentType, String body, int status, String answer) {

        @Override
        public String toString() {
            return operation + " (" + (authenticated ? "manager" : "anonymous") + ", try " + attempt + ", seed "
                    + PropertyCheck.SEED + "): " + method + " " + target + " [" + contentType + "] " + abbreviate(body)
                    + " -> " + status + " " + abbreviate(answer);
        }
    }

    @Test
    void noInputMakesAnyOperationAnswerAServerError() throws Exception {
        ApiClient anonymous = new ApiClient(port);
        provisionWithData(anonymous);
        JsonNode document = ApiClient.json(anonymous.get("/api/v1/schema/"));
        List<Operation> operations = operations(document);
        // The document lists the API: registration, tokens, the managers, the device data, uploads and jobs at least.
        assertThat(operations).hasSizeGreaterThanOrEqualTo(10);

        List<Problem> problems = new ArrayList<>();
        int requests = 0;
        for (Operation operation : operations) {
            // A manager of his own for each operation: a fuzzed body may change his password, or delete him.
            TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
            ApiClient authenticated = anonymous.withBasic(manager.username(), manager.password());
            for (int attempt = 0; attempt < TRIES_PER_OPERATION; attempt++) {
                for (ApiClient client : List.of(anonymous, authenticated)) {
                    boolean isManager = client == authenticated;
                    SplittableRandom random = PropertyCheck.random(operation.name() + (isManager ? " as manager" : ""), attempt);
                    Problem problem = send(document, operation, client, isManager, manager.id(), attempt, random);
                    requests++;
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
        }
        assertThat(requests).isEqualTo(operations.size() * TRIES_PER_OPERATION * 2);
        assertThat(problems).as("server errors among %d requests", requests).isEmpty();
    }

    /** Every operation of the document, with its parameters (the path's and its own) and its body's schema. */
    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            List<JsonNode> shared = list(path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>(shared);
                for (JsonNode parameter : list(operation.path("parameters"))) {
                    parameters.add(resolve(document, parameter));
                }
                JsonNode body = operation.path("requestBody").path("content");
                JsonNode schema = body.isMissingNode() ? null : firstSchema(body);
                operations.add(new Operation(method, path.getKey(), parameters, schema));
            }
        }
        return operations;
    }

    private Problem send(JsonNode document, Operation operation, ApiClient client, boolean authenticated, long managerId, int attempt,
                         SplittableRandom random) throws IOException, InterruptedException {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            if ("path".equals(in)) {
                path = path.replace("{" + name + "}", pathValue(name, parameter.path("schema"), managerId, random));
            } else if ("query".equals(in) && random.nextInt(5) > 0) {
                appendQuery(query, name, value(parameter.path("schema"), random));
            } else if ("header".equals(in) && random.nextBoolean()) {
                headers.add(Map.entry(name, headerSafe(value(parameter.path("schema"), random))));
            }
        }
        if (random.nextInt(6) == 0) {
            appendQuery(query, pick(random, List.of("page", "size", "limit", "offset", "wait", "start", "stop", "format", "x")),
                    value(NODES.objectNode(), random));
        }
        String target = path + (query.length() == 0 ? "" : "?" + query);
        String body = operation.body() == null && random.nextInt(4) > 0 ? null : body(document, operation.body(), random);
        String contentType = pick(random, List.of("application/json", "application/json", "application/json", "text/plain",
                "application/x-www-form-urlencoded", "application/json; charset=latin1", "*/*"));

        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + target)).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            // A raw value that makes no URL: the client cannot send it, so there is nothing to check.
            return null;
        }
        if (client.authorization() != null) {
            request.header("Authorization", client.authorization());
        }
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(operation.method().toUpperCase(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            return new Problem(operation.name(), authenticated, attempt, operation.method().toUpperCase(), target,
                    body == null ? null : contentType, body, response.statusCode(), response.body());
        }
        return null;
    }

    /** A path parameter: now and then one that exists (so that the operation's own code runs), else anything. */
    private static String pathValue(String name, JsonNode schema, long managerId, SplittableRandom random) {
        int choice = random.nextInt(10);
        if (choice < 3) {
            return name.contains("manager") ? Long.toString(managerId) : Long.toString(DEVICE_ID);
        }
        if (choice < 5) {
            return pick(random, RAW_VALUES);
        }
        return encode(value(schema, random));
    }

    /** A value for a parameter of this schema: of its type and near its bounds half of the time, any nasty value otherwise. */
    private static String value(JsonNode schema, SplittableRandom random) {
        if (random.nextBoolean()) {
            return pick(random, NASTY_VALUES);
        }
        String type = schema.path("type").asString("");
        return switch (type) {
            case "integer", "number" -> {
                long min = schema.path("minimum").asLong(-1000);
                long max = schema.path("maximum").asLong(Long.MAX_VALUE / 2);
                yield Long.toString(pick(random, List.of(min - 1, min, max, max + 1, random.nextLong(), (long) random.nextInt(1000))));
            }
            case "boolean" -> pick(random, List.of("true", "false", "1", "yes", "TRUE"));
            default -> randomText(random, random.nextInt(4) == 0 ? 3000 : 40);
        };
    }

    /** A body: the schema's shape, spoiled a little or a lot, or no JSON at all. */
    private static String body(JsonNode document, JsonNode schema, SplittableRandom random) {
        int choice = random.nextInt(12);
        return switch (choice) {
            case 0 -> "";
            case 1 -> randomText(random, 200);
            case 2 -> "[".repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 4 -> pick(random, List.of("null", "true", "1e309", "-0", "\"\\ud800\"", "{\"asi_b64\": \"\\u0000\"}", "{", "{}}",
                    "{\"password\": null}", "{\"username\": [], \"email\": {}}", "[{}]", "\"" + "x".repeat(300_000) + "\""));
            default -> {
                JsonNode generated = generate(document, schema == null ? NODES.objectNode() : schema, random, 0);
                yield JSON.writeValueAsString(choice < 8 ? spoil(generated, random) : generated);
            }
        };
    }

    /** A JSON value of the schema, its optional properties present or not, its values random within their type. */
    private static JsonNode generate(JsonNode document, JsonNode schema, SplittableRandom random, int depth) {
        JsonNode resolved = resolve(document, schema);
        for (String choice : List.of("oneOf", "anyOf", "allOf")) {
            if (resolved.has(choice) && !resolved.path(choice).isEmpty()) {
                return generate(document, pick(random, list(resolved.path(choice))), random, depth + 1);
            }
        }
        if (resolved.has("enum") && random.nextInt(4) > 0) {
            return pick(random, list(resolved.path("enum")));
        }
        String type = resolved.path("type").asString(resolved.has("properties") ? "object" : "");
        if (depth > 6) {
            return NODES.nullNode();
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                List<String> required = list(resolved.path("required")).stream().map(JsonNode::asString).toList();
                for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), generate(document, property.getValue(), random, depth + 1));
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(generate(document, resolved.path("items"), random, depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(pick(random, List.of(0L, 1L, -1L, DEVICE_ID, random.nextLong(),
                    (long) Integer.MAX_VALUE + 1)));
            case "number" -> NODES.numberNode(pick(random, List.of(0.0, -91.0, 48.84, 1e308, -0.0, random.nextDouble() * 400 - 200)));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "string" -> NODES.stringNode(string(resolved, random));
            default -> NODES.stringNode(randomText(random, 20));
        };
    }

    private static String string(JsonNode schema, SplittableRandom random) {
        String format = schema.path("format").asString("");
        return switch (format) {
            case "date-time" -> pick(random, List.of(Instant.now().toString(), "2021-05-29T16:12:00Z", "not a time",
                    "2021-02-30T25:61:00Z"));
            case "email" -> pick(random, List.of("a@example.com", "@", "a@b", randomText(random, 30) + "@example.com"));
            case "byte" -> pick(random, List.of("QUJD", "not base64!", "====", "QVNJIFYy" + "A".repeat(random.nextInt(2000))));
            default -> random.nextInt(5) == 0 ? "x".repeat(schema.path("maxLength").asInt(150) + 1) : randomText(random, 30);
        };
    }

    /** The value with one thing wrong: a type swapped, a null, a field removed or added, a string made huge. */
    private static JsonNode spoil(JsonNode value, SplittableRandom random) {
        if (!(value instanceof ObjectNode object) || object.isEmpty()) {
            return pick(random, List.of(NODES.arrayNode(), NODES.stringNode("x"), NODES.numberNode(1), NODES.nullNode()));
        }
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        String name = pick(random, names);
        switch (random.nextInt(6)) {
            case 0 -> object.remove(name);
            case 1 -> object.putNull(name);
            case 2 -> object.set(name, object.get(name).isString() ? NODES.numberNode(random.nextLong()) : NODES.stringNode("abc"));
            case 3 -> object.set(name, NODES.arrayNode().add(object.get(name)));
            case 4 -> object.put(name, "é".repeat(20_000));
            default -> object.put("unexpected_" + random.nextInt(100), randomText(random, 10));
        }
        return object;
    }

    /** Provisions the device the fuzzer names now and then, and gives it a frame, so that its data endpoints run whole. */
    private static void provisionWithData(ApiClient anonymous) {
        TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(DEVICE_ID)),
                utf8("{\"id\": " + DEVICE_ID + ", \"device_name\": \"" + DEVICE + "\", \"serial_number\": \"sn-81\"}"));
        TestKafka.send(Topics.FRAMES_JSON, utf8(DEVICE), utf8("{\"device_name\": \"" + DEVICE + "\", \"timestamp\": "
                + (System.currentTimeMillis() - 60_000) + ", \"gnss.latitude\": 48.8, \"gnss.longitude\": 2.25}"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> anonymous.get("/actuator/health").statusCode() == 200);
    }

    private static JsonNode firstSchema(JsonNode content) {
        Iterator<JsonNode> types = content.values().iterator();
        return types.hasNext() ? types.next().path("schema") : null;
    }

    /** The node a {@code $ref} points at, or the node itself. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = document.at(current.path("$ref").asString().substring(1));
        }
        return current;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.values().forEach(items::add);
        return items;
    }

    private static void appendQuery(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(RAW_VALUES.contains(value) ? value : encode(value));
    }

    private static String headerSafe(String value) {
        return value.replaceAll("[^\\x21-\\x7e]", "x");
    }

    private static String randomText(SplittableRandom random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append((char) (kind < 6 ? 0x20 + random.nextInt(0x5F) : kind < 8 ? random.nextInt(0x20) : 0xA0 + random.nextInt(0x2F00)));
        }
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(no body)";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
