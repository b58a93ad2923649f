package io.insiders.api.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.ingest.uploads.JobBoard;
import io.insiders.schemas.Topics;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** ASI uploads through the API: the job's life, its details, its errors, and its frames in the stores. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AsiUploadApiTest {

    private static final String DEVICE = "864475041000021";

    /** The uploading manager, registered through the API once for the class. */
    private static TestAccounts.Credentials manager;

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    private ApiClient api;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
        // The example file was recorded in 2021: keep it.
        registry.add("insiders.streams.retention", () -> "3650d");
    }

    @BeforeAll
    static void provision() {
        TestKafka.send(Topics.DEVICES_PROVISIONING, "21".getBytes(StandardCharsets.UTF_8),
                ("{\"id\": 21, \"device_name\": \"" + DEVICE + "\", \"serial_number\": \"sn-21\"}").getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void client() {
        if (manager == null) {
            manager = TestAccounts.register(context, new ApiClient(port));
            // The example file was recorded in May 2021: he owns the device since before.
            TestOwnership.grantSince(context, 21, manager.id(), 1_609_459_200_000L);
        }
        api = new ApiClient(port).withBasic(manager.username(), manager.password());
        // The device is known once its latest timestamp is no longer 404 (400 before any data, 200 after).
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/devices/21/preprocessed-data/latest-timestamp/").statusCode() != 404);
    }

    @Test
    void theExampleFileEndsInSuccessWithItsDetailsAndItsFramesReachTheStores() throws Exception {
        HttpResponse<String> response = api.postJson("/api/v1/devices/21/asi/", body(example()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode job = ApiClient.json(response);
        assertThat(job.get("state").asString()).isEqualTo("SUCCESS");
        assertThat(job.get("job_id").asString()).matches("job-[0-9a-f-]{36}");
        assertThat(job.get("id").asLong()).isPositive();
        JsonNode details = job.get("details");
        assertThat(details.get("frames").asInt()).isEqualTo(41);
        assertThat(details.get("rejected").get("invalid_time").asInt()).isEqualTo(1);
        assertThat(details.get("rejected").get("no_fix").asInt()).isEqualTo(1);
        assertThat(details.get("rejected").get("out_of_range").asInt()).isEqualTo(1);
        assertThat(details.get("first_frame_time").asString()).isEqualTo("2021-05-29T16:12:00Z");
        assertThat(details.get("last_frame_time").asString()).isEqualTo("2021-05-29T16:19:03.900000Z");

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/v1/devices/21/preprocessed-data/latest-timestamp/").body())
                        .isEqualTo("{\"timestamp\":1622305143900,\"datetime\":\"2021-05-29T16:19:03.900000+00:00\"}"));

        String jobPath = "/api/v1/jobs/" + job.get("job_id").asString() + "/";
        assertThat(api.get(jobPath).body()).isEqualTo(response.body());
        // The upload is filed under the manager who sent it.
        assertThat(context.getBean(JobBoard.class).job(job.get("job_id").asString()).orElseThrow().managerId()).isEqualTo(manager.id());
        assertThat(api.get("/api/v1/matlab-jobs/" + job.get("job_id").asString() + "/info/").body()).isEqualTo(response.body());
    }

    @Test
    void waitZeroAnswersAtOnceAndTheJobEndsLater() throws Exception {
        HttpResponse<String> response = api.postJson("/api/v1/devices/21/asi/?wait=0", body(example()));

        JsonNode job = ApiClient.json(response);
        assertThat(job.get("state").asString()).isIn("PENDING", "STARTED", "SUCCESS");
        assertThat(job.get("details").isObject()).isTrue();
        String jobPath = "/api/v1/jobs/" + job.get("job_id").asString() + "/";
        Awaitility.await().until(() -> api.get(jobPath).body().contains("\"state\":\"SUCCESS\""));
    }

    @Test
    void aFileWithABrokenSchemaTableFailsWithTheRuleAndItsOffset() throws Exception {
        byte[] file = example();
        byte[] broken = Arrays.copyOf(file, 40);
        broken[19] = 0x7F; // packet 1 claims 127 fields: the table runs past the file

        JsonNode job = ApiClient.json(api.postJson("/api/v1/devices/21/asi/", body(broken)));

        assertThat(job.get("state").asString()).isEqualTo("FAILURE");
        assertThat(job.get("details").get("rule").asString()).isNotBlank();
        assertThat(job.get("details").get("error").asString()).isNotBlank();
    }

    @Test
    void badInputIsRefusedWithPreciseMessages() {
        assertBadRequest(api.postJson("/api/v1/devices/21/asi/", "{\"asi_b64\": \"not base64!\"}"), "asi_b64", "Invalid base64");
        assertBadRequest(api.postJson("/api/v1/devices/21/asi/", "{\"asi_b64\": \"QUJDREVGR0hJSktMTU5PUFFSU1RVVldY\"}"),
                "asi_b64", "Not an ASI V2 file");
        assertBadRequest(api.postJson("/api/v1/devices/21/asi/", "{}"), "asi_b64", "This field is required.");
        assertBadRequest(api.postJson("/api/v1/devices/21/asi/?wait=soon", "{}"), "wait", "A valid integer is required.");
        HttpResponse<String> notJson = api.postJson("/api/v1/devices/21/asi/", "{\"asi_b64\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).startsWith("{\"detail\":\"JSON parse error");
        assertThat(api.postJson("/api/v1/devices/9999/asi/", "{}").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/job-00000000-0000-0000-0000-000000000000/").body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void aFileOverThirtyTwoMebibytesIsTooLarge() {
        byte[] file = new byte[32 * 1024 * 1024 + 3];
        HttpResponse<String> response = api.postJson("/api/v1/devices/21/asi/", body(file));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("32 MiB");
    }

    private static void assertBadRequest(HttpResponse<String> response, String field, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = ApiClient.json(response);
        assertThat(body.get(field).get(0).asString()).contains(message);
    }

    private static String body(byte[] file) {
        return "{\"asi_b64\": \"" + Base64.getEncoder().encodeToString(file) + "\"}";
    }

    private static byte[] example() throws IOException {
        try (InputStream in = AsiUploadApiTest.class.getResourceAsStream("/asi/match-short.asi")) {
            return in.readAllBytes();
        }
    }
}
