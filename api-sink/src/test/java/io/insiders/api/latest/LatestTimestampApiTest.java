package io.insiders.api.latest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The first slice end to end on a real broker: devices provisioned on their topic, frames published
 * as Avro, JSON objects and JSON arrays, and the latest timestamp read over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LatestTimestampApiTest {

    private static final long NOW = System.currentTimeMillis() / 1000 * 1000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The requests' credentials: a manager registered through the API once for the class. */
    private static String authorization;

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @BeforeAll
    static void provision() {
        provision(12, "864475041000012");
        provision(13, "864475041000013");
        provision(14, "864475041000014");
        provision(15, "864475041000015");
    }

    private static void provision(long id, String name) {
        String json = "{\"id\": " + id + ", \"device_name\": \"" + name + "\", \"serial_number\": \"sn-" + id
                + "\", \"device_type\": \"Model X 2000 Series\", \"firmware_version\": \"1.2.3\"}";
        TestKafka.send(Topics.DEVICES_PROVISIONING, bytes(Long.toString(id)), bytes(json));
    }

    @Test
    void aJsonFrameShowsAsTheLatestTimestamp() throws Exception {
        long time = NOW - 100;
        sendJson("864475041000012", "{\"device_name\": \"864475041000012\", \"timestamp\": " + time
                + ", \"gnss.latitude\": 48.8412, \"gnss.longitude\": 2.253, \"ecg.hr\": 121}");

        HttpResponse<String> response = awaitStatus("/api/v1/devices/12/preprocessed-data/latest-timestamp/", 200);

        assertThat(response.body()).isEqualTo("{\"timestamp\":" + time + ",\"datetime\":\"" + isoOffset(time) + "\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    }

    @Test
    void anAvroFrameShowsAsTheLatestTimestamp() throws Exception {
        long time = NOW - 200;
        Frame frame = Frame.newBuilder().setDeviceName("864475041000013").setTimestamp(time).setLatitude(-33.89)
                .setLongitude(151.22).setSpeed(3.5).setHeartRate(140).build();
        TestKafka.send(Topics.FRAMES_RAW, bytes("864475041000013"), Serdes.frame().encode(frame));

        HttpResponse<String> response = awaitStatus("/api/v1/devices/13/preprocessed-data/latest-timestamp/", 200);

        assertThat(response.body()).contains("\"timestamp\":" + time);
    }

    @Test
    void aJsonArrayCountsItsNewestFrameAndAnOlderFrameNeverMovesItBack() throws Exception {
        String device = "864475041000014";
        sendJson(device, "[{\"device_name\": \"" + device + "\", \"timestamp\": " + (NOW - 3000) + "}, "
                + "{\"device_name\": \"" + device + "\", \"timestamp\": " + (NOW - 1000) + "}, "
                + "{\"device_name\": \"" + device + "\", \"timestamp\": " + (NOW - 2000) + "}]");
        awaitBody("/api/v1/devices/14/preprocessed-data/latest-timestamp/", "\"timestamp\":" + (NOW - 1000));

        sendJson(device, "{\"device_name\": \"" + device + "\", \"timestamp\": " + (NOW - 60_000) + "}");
        // A newer frame sent after the older one proves the older one was processed before it.
        sendJson(device, "{\"device_name\": \"" + device + "\", \"timestamp\": " + (NOW - 500) + "}");
        awaitBody("/api/v1/devices/14/preprocessed-data/latest-timestamp/", "\"timestamp\":" + (NOW - 500));
        sendJson(device, "{\"device_name\": \"" + device + "\", \"timestamp\": " + (NOW - 90_000) + "}");
        sendJson("864475041000012", "{\"device_name\": \"864475041000014\", \"timestamp\": " + (NOW - 80_000) + "}");

        Thread.sleep(1500);
        assertThat(get("/api/v1/devices/14/preprocessed-data/latest-timestamp/").body())
                .contains("\"timestamp\":" + (NOW - 500));
    }

    @Test
    void aDeviceNeverProvisionedIsNotFound() throws Exception {
        HttpResponse<String> response = awaitStatus("/api/v1/devices/999999/preprocessed-data/latest-timestamp/", 404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(get("/api/v1/devices/not-a-number/preprocessed-data/latest-timestamp/").statusCode()).isEqualTo(404);
    }

    @Test
    void aDeviceWithoutDataIsABadRequest() throws Exception {
        HttpResponse<String> response = awaitStatus("/api/v1/devices/15/preprocessed-data/latest-timestamp/", 400);
        assertThat(response.body()).isEqualTo("{\"detail\":\"No data for this device yet.\"}");
    }

    @Test
    void aPathWithoutItsTrailingSlashIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/v1/devices/12/preprocessed-data/latest-timestamp");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void healthIsUpOnceTheStoresAnswer() throws Exception {
        HttpResponse<String> health = awaitStatus("/actuator/health", 200);
        JsonNode streams = ApiClient.json(health).get("components").get("streams");
        assertThat(streams.get("status").asString()).isEqualTo("UP");
        assertThat(streams.get("details").get("state").asString()).isEqualTo("RUNNING");
    }

    private static void sendJson(String key, String json) {
        TestKafka.send(Topics.FRAMES_JSON, bytes(key), bytes(json));
    }

    private HttpResponse<String> awaitStatus(String path, int status) {
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = get(path);
            return last[0].statusCode() == status;
        });
        return last[0];
    }

    private void awaitBody(String path, String fragment) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(path).body().contains(fragment));
    }

    private HttpResponse<String> get(String path) throws Exception {
        if (authorization == null) {
            TestAccounts.Credentials manager = TestAccounts.register(context, new ApiClient(port));
            for (long id = 12; id <= 15; id++) {
                TestOwnership.grantSince(context, id, manager.id(), NOW - 3_600_000);
            }
            authorization = new ApiClient(port).withBasic(manager.username(), manager.password()).authorization();
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", authorization)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String isoOffset(long time) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                .format(java.time.LocalDateTime.ofEpochSecond(time / 1000, (int) (time % 1000) * 1_000_000,
                        java.time.ZoneOffset.UTC)) + "+00:00";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
