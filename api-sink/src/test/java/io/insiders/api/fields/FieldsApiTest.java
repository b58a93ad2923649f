package io.insiders.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.insiders.api.ApiClient;
import io.insiders.api.DemoApplicationTest;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.demo.DemoOwnership;
import io.insiders.api.devices.DeviceRegistry;
import io.insiders.ingest.simulator.PitchModel;
import io.insiders.schemas.Topics;
import io.insiders.stream.PipelineDriver;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields endpoints over HTTP, against the application on a real broker: every operation's success and documented
 * errors, the scoping to the manager who owns a field, the records the pipeline reads on {@code insiders.fields}, and
 * frames on a field created through the API that come out of the data API with their position on it.
 */
class FieldsApiTest extends DemoApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A 105 x 68 m pitch near Grenoble, far from every other test class's fields. */
    private static final PitchModel PITCH = PitchModel.of(45.1885, 5.7245, 20.0);
    /** Another, 2 km away, where only the field of the test with frames lies: the pipeline places a frame on one field. */
    private static final PitchModel MEASURED = PitchModel.of(45.2065, 5.7245, 20.0);

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private DemoOwnership ownership;
    @Autowired
    private DeviceRegistry devices;
    private ApiClient api;
    private TestAccounts.Credentials manager;

    @BeforeEach
    void manager() {
        manager = TestAccounts.register(context, new ApiClient(port));
        api = new ApiClient(port).withBasic(manager.username(), manager.password());
    }

    @Test
    void aFieldIsCreatedReadListedAndWrittenForThePipeline() {
        HttpResponse<String> created = api.postJson("/api/v1/fields/", body("Main pitch", PITCH.corners()));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode field = ApiClient.json(created);
        long id = field.get("id").asLong();
        assertThat(field.propertyNames()).containsExactly("id", "name", "corners");
        assertThat(field.get("name").asString()).isEqualTo("Main pitch");
        assertThat(field.get("corners")).hasSize(4);
        assertThat(field.at("/corners/1/latitude").asDouble()).isEqualTo(PITCH.corners().get(1).latitude());
        assertThat(field.at("/corners/1/longitude").asDouble()).isEqualTo(PITCH.corners().get(1).longitude());

        HttpResponse<String> retrieved = api.get("/api/v1/fields/" + id + "/");
        assertThat(retrieved.statusCode()).isEqualTo(200);
        assertThat(retrieved.body()).isEqualTo(created.body());
        HttpResponse<String> listed = api.get("/api/v1/fields/");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body())
                .isEqualTo("{\"count\":1,\"page\":1,\"next\":null,\"previous\":null,\"results\":[" + created.body() + "]}");

        // The pipeline's record: its id as the key, the same corners in order.
        JsonNode record = JSON.readTree(lastValue(Topics.FIELDS, Long.toString(id)));
        assertThat(record.get("id").asLong()).isEqualTo(id);
        assertThat(record.get("name").asString()).isEqualTo("Main pitch");
        assertThat(record.get("corners")).isEqualTo(field.get("corners"));
    }

    @Test
    void fieldsAreListedByIdInPages() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ApiClient.json(api.postJson("/api/v1/fields/", body("Pitch " + i, PITCH.corners()))).get("id").asLong());
        }
        assertThat(ids).isSorted();

        JsonNode second = ApiClient.json(api.get("/api/v1/fields/?limit=2&page=2"));
        assertThat(second.get("count").asLong()).isEqualTo(3);
        assertThat(second.get("page").asLong()).isEqualTo(2);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(second.get("previous").asLong()).isEqualTo(1);
        assertThat(second.get("results")).hasSize(1);
        assertThat(second.at("/results/0/id").asLong()).isEqualTo(ids.get(2));
        JsonNode first = ApiClient.json(api.get("/api/v1/fields/?limit=2"));
        assertThat(first.get("next").asLong()).isEqualTo(2);
        assertThat(first.at("/results/0/id").asLong()).isEqualTo(ids.get(0));

        HttpResponse<String> pastTheEnd = api.get("/api/v1/fields/?limit=2&page=3");
        assertThat(pastTheEnd.statusCode()).isEqualTo(404);
        assertThat(pastTheEnd.body()).isEqualTo("{\"detail\":\"Invalid page.\"}");
    }

    @Test
    void aFieldNeedsANameAndFourCornersInRange() {
        assertBadRequest(api.postJson("/api/v1/fields/", "{}"),
                "{\"name\":[\"This field is required.\"],\"corners\":[\"This field is required.\"]}");
        assertBadRequest(api.postJson("/api/v1/fields/", "{\"name\": \"  \", \"corners\": null}"),
                "{\"name\":[\"This field may not be blank.\"],\"corners\":[\"This field may not be null.\"]}");
        assertBadRequest(api.postJson("/api/v1/fields/", "{\"name\": \"" + "n".repeat(101) + "\", \"corners\": {}}"),
                "{\"name\":[\"Ensure this field has no more than 100 characters.\"],"
                        + "\"corners\":[\"Expected a list of items but got type \\\"dict\\\".\"]}");
        assertBadRequest(api.postJson("/api/v1/fields/", body("Three", PITCH.corners().subList(0, 3))),
                "{\"corners\":[\"Ensure this field has at least 4 elements.\"]}");
        List<PitchModel.LatLon> five = new ArrayList<>(PITCH.corners());
        five.add(PITCH.corners().get(0));
        assertBadRequest(api.postJson("/api/v1/fields/", body("Five", five)),
                "{\"corners\":[\"Ensure this field has no more than 4 elements.\"]}");
        assertBadRequest(api.postJson("/api/v1/fields/", "{\"name\": \"Out\", \"corners\": [{\"latitude\": 45, \"longitude\": 5},"
                + " {\"latitude\": 91, \"longitude\": 5}, {\"latitude\": \"north\", \"longitude\": -181}, 7]}"),
                "{\"corners\":[{},{\"latitude\":[\"Ensure this value is less than or equal to 90.\"]},"
                        + "{\"latitude\":[\"A valid number is required.\"],\"longitude\":[\"Ensure this value is greater than or equal to"
                        + " -180.\"]},{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got int.\"]}]}");
        assertBadRequest(api.postJson("/api/v1/fields/", "[]"),
                "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        assertThat(ApiClient.json(api.get("/api/v1/fields/")).get("count").asLong()).isZero();
    }

    @Test
    void cornersMustMakeAFieldThePipelineCanUse() {
        List<PitchModel.LatLon> c = PITCH.corners();
        HttpResponse<String> crossed = api.postJson("/api/v1/fields/", body("Crossed", List.of(c.get(0), c.get(2), c.get(1), c.get(3))));
        assertThat(crossed.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(crossed).get("corners").get(0).asString()).startsWith("The field is not a convex quadrilateral");

        HttpResponse<String> repeated = api.postJson("/api/v1/fields/", body("Repeated", List.of(c.get(0), c.get(0), c.get(2), c.get(3))));
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(repeated).get("corners").get(0).asString()).isEqualTo(
                "Corners 1 and 2 are 0.000 m apart, less than the minimum of 1.0 m.");

        PitchModel huge = PitchModel.of(45.1885, 5.7245, 20.0, 1000.0, 600.0);
        List<PitchModel.LatLon> h = huge.corners();
        PitchModel.LatLon beyond = huge.toLatLon(1200.0, 0.0);
        HttpResponse<String> tooLong = api.postJson("/api/v1/fields/", body("Huge", List.of(h.get(0), beyond, h.get(2), h.get(3))));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(tooLong).get("corners").get(0).asString()).startsWith("The field spans 1200.0 m along its length");
    }

    @Test
    void putSetsBothPatchSetsWhatIsGiven() {
        long id = create("Before");
        PitchModel moved = PitchModel.of(45.1895, 5.7255, 20.0);

        assertBadRequest(api.putJson("/api/v1/fields/" + id + "/", "{\"name\": \"After\"}"), "{\"corners\":[\"This field is required.\"]}");
        HttpResponse<String> put = api.putJson("/api/v1/fields/" + id + "/", body("After", moved.corners()));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(put).at("/corners/0/latitude").asDouble()).isEqualTo(moved.corners().get(0).latitude());

        HttpResponse<String> patched = api.patchJson("/api/v1/fields/" + id + "/", "{\"name\": \"Renamed\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(patched).get("name").asString()).isEqualTo("Renamed");
        assertThat(ApiClient.json(patched).get("corners")).isEqualTo(ApiClient.json(put).get("corners"));
        assertBadRequest(api.patchJson("/api/v1/fields/" + id + "/", body("Three", PITCH.corners().subList(0, 3))),
                "{\"corners\":[\"Ensure this field has at least 4 elements.\"]}");
        assertThat(api.get("/api/v1/fields/" + id + "/").body()).isEqualTo(patched.body());
        assertThat(JSON.readTree(lastValue(Topics.FIELDS, Long.toString(id))).get("name").asString()).isEqualTo("Renamed");
    }

    @Test
    void aDeletedFieldIsGoneForTheApiAndThePipelineAndItsIdIsNotGivenAgain() {
        long id = create("Doomed");

        HttpResponse<String> deleted = api.delete("/api/v1/fields/" + id + "/");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertNotFound(api.get("/api/v1/fields/" + id + "/"));
        assertNotFound(api.delete("/api/v1/fields/" + id + "/"));
        assertNotFound(api.patchJson("/api/v1/fields/" + id + "/", "{\"name\": \"Back\"}"));
        assertThat(ApiClient.json(api.get("/api/v1/fields/")).get("count").asLong()).isZero();
        assertThat(lastValue(Topics.FIELDS, Long.toString(id))).isNull();

        assertThat(create("Next")).isGreaterThan(id);
    }

    @Test
    void anotherManagersFieldIsNotFoundAndNeitherIsAnIdThatIsNoInteger() {
        long id = create("Mine");
        ApiClient other = TestAccounts.authenticated(context, new ApiClient(port));

        assertNotFound(other.get("/api/v1/fields/" + id + "/"));
        assertNotFound(other.putJson("/api/v1/fields/" + id + "/", body("Theirs", PITCH.corners())));
        assertNotFound(other.patchJson("/api/v1/fields/" + id + "/", "{\"name\": \"Theirs\"}"));
        assertNotFound(other.delete("/api/v1/fields/" + id + "/"));
        assertThat(ApiClient.json(other.get("/api/v1/fields/")).get("count").asLong()).isZero();
        assertThat(ApiClient.json(api.get("/api/v1/fields/" + id + "/")).get("name").asString()).isEqualTo("Mine");

        assertNotFound(api.get("/api/v1/fields/one/"));
        assertNotFound(api.get("/api/v1/fields/99999999/"));
        assertNotFound(api.get("/api/v1/fields/" + id));
    }

    @Test
    void anonymousRequestsAreRefused() {
        ApiClient anonymous = new ApiClient(port);
        String refused = "{\"detail\":\"Authentication credentials were not provided.\"}";
        for (HttpResponse<String> response : List.of(anonymous.get("/api/v1/fields/"),
                anonymous.postJson("/api/v1/fields/", body("Main", PITCH.corners())), anonymous.get("/api/v1/fields/1/"),
                anonymous.delete("/api/v1/fields/1/"))) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo(refused);
        }
    }

    @Test
    void framesOnAFieldCreatedThroughTheApiComeOutWithTheirPositionOnItUntilItIsDeleted() {
        long deviceId = 9201;
        String device = "864475041009201";
        TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(deviceId)),
                utf8("{\"id\": " + deviceId + ", \"device_name\": \"" + device + "\", \"serial_number\": \"sn-9201\"}"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> devices.byId(deviceId).isPresent());
        ownership.take(deviceId, manager.id());
        HttpResponse<String> created = api.postJson("/api/v1/fields/", body("Measured", MEASURED.corners()));
        assertThat(created.statusCode()).isEqualTo(201);
        long field = ApiClient.json(created).get("id").asLong();
        PitchModel.LatLon spot = MEASURED.toLatLon(30.0, 20.0);

        long[] time = {System.currentTimeMillis()};
        // The field reaches the pipeline by its own topic: a frame sent before it got there is sent again, later.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            time[0] += 100;
            sendFrame(device, time[0], spot);
            return api.get("/api/v1/devices/" + deviceId + "/preprocessed-data/latest/").body().contains("\"field.id\":" + field);
        });
        JsonNode row = ApiClient.json(api.get("/api/v1/devices/" + deviceId + "/preprocessed-data/?start=" + time[0] + "&stop=" + time[0]))
                .get("results").get(0);
        assertThat(row.get("field.id").asLong()).isEqualTo(field);
        // The simulator's flat conversion and the pipeline's tangent plane agree to a few millimetres over a pitch.
        assertThat(row.get("field.x").asDouble()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(row.get("field.y").asDouble()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.05));

        assertThat(api.delete("/api/v1/fields/" + field + "/").statusCode()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            time[0] += 100;
            sendFrame(device, time[0], spot);
            JsonNode latest = ApiClient.json(api.get("/api/v1/devices/" + deviceId + "/preprocessed-data/latest/")).get(0);
            return latest.get("timestamp").asLong() == time[0] && !latest.has("field.id");
        });
    }

    private long create(String name) {
        HttpResponse<String> created = api.postJson("/api/v1/fields/", body(name, PITCH.corners()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created).get("id").asLong();
    }

    private static void sendFrame(String device, long time, PitchModel.LatLon position) {
        Map<String, Object> frame = new HashMap<>(PipelineDriver.frame(device, time));
        frame.put("gnss.latitude", position.latitude());
        frame.put("gnss.longitude", position.longitude());
        TestKafka.send(Topics.FRAMES_JSON, utf8(device), JSON.writeValueAsBytes(frame));
    }

    static String body(String name, List<PitchModel.LatLon> corners) {
        StringBuilder json = new StringBuilder("{\"name\": \"" + name + "\", \"corners\": [");
        for (int i = 0; i < corners.size(); i++) {
            json.append(i > 0 ? ", " : "").append("{\"latitude\": ").append(corners.get(i).latitude()).append(", \"longitude\": ")
                    .append(corners.get(i).longitude()).append('}');
        }
        return json.append("]}").toString();
    }

    private static void assertBadRequest(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(body);
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    /** The value of the last committed record with that key, null for a tombstone. */
    private static byte[] lastValue(String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            byte[][] last = {null};
            boolean[] seen = {false};
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        last[0] = record.value();
                        seen[0] = true;
                    }
                }
            }
            assertThat(seen[0]).as("a record of " + key + " on " + topic).isTrue();
            return last[0];
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
