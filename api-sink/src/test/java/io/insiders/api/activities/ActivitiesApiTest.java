package io.insiders.api.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.api.ApiClient;
import io.insiders.api.DemoApplicationTest;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.demo.DemoOwnership;
import io.insiders.api.devices.ActivityMembership;
import io.insiders.api.devices.DeviceRegistry;
import io.insiders.schemas.Topics;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The activities endpoints over HTTP, against the application on a real broker: every operation's success and
 * documented errors, the rules on fields and devices (the manager's own), the scoping to the manager who owns an
 * activity, and the membership the devices list's {@code activity} filter reads.
 */
class ActivitiesApiTest extends DemoApplicationTest {

    /** A device nobody owns; 9299 is never provisioned. */
    private static final long NOT_OWNED = 9300;
    /** The next device to provision: each test's manager owns two of his own. */
    private static final AtomicLong NEXT_DEVICE = new AtomicLong(9301);
    private static final String FIELD_BODY = "{\"name\": \"Pitch\", \"corners\": [{\"latitude\": 45.1885, \"longitude\": 5.7245},"
            + " {\"latitude\": 45.18939, \"longitude\": 5.72494}, {\"latitude\": 45.18917, \"longitude\": 5.72578},"
            + " {\"latitude\": 45.18828, \"longitude\": 5.72534}]}";

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private DemoOwnership ownership;
    @Autowired
    private DeviceRegistry devices;
    @Autowired
    private ActivityMembership membership;
    private ApiClient api;
    private TestAccounts.Credentials manager;
    /** Two devices this test's manager owns. */
    private long owned;
    private long alsoOwned;

    @BeforeEach
    void manager() {
        owned = NEXT_DEVICE.getAndIncrement();
        alsoOwned = NEXT_DEVICE.getAndIncrement();
        for (long id : List.of(NOT_OWNED, owned, alsoOwned)) {
            TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(id)),
                    utf8("{\"id\": " + id + ", \"device_name\": \"86447504100" + id + "\", \"serial_number\": \"sn-" + id + "\"}"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> devices.byId(alsoOwned).isPresent());
        manager = TestAccounts.register(context, new ApiClient(port));
        api = new ApiClient(port).withBasic(manager.username(), manager.password());
        ownership.take(owned, manager.id());
        ownership.take(alsoOwned, manager.id());
    }

    @Test
    void anActivityIsCreatedReadAndListed() {
        long field = ApiClient.json(api.postJson("/api/v1/fields/", FIELD_BODY)).get("id").asLong();

        HttpResponse<String> created = api.postJson("/api/v1/activities/", "{\"name\": \" Saturday match \", \"field\": " + field
                + ", \"timeframes\": [{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T17:45:00.5+0200\","
                + " \"devices\": [" + owned + ", " + alsoOwned + ", " + owned + "]},"
                + " {\"start_time\": \"1622304000000\", \"end_time\": \"2021-05-29T16:01:00+00:00\", \"devices\": []}]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = ApiClient.json(created).get("id").asLong();
        assertThat(created.body()).isEqualTo("{\"id\":" + id + ",\"name\":\"Saturday match\",\"field\":" + field + ",\"timeframes\":["
                + "{\"start_time\":\"2021-05-29T15:00:00Z\",\"end_time\":\"2021-05-29T15:45:00.500000Z\",\"devices\":[" + owned + ","
                + alsoOwned + "]},"
                + "{\"start_time\":\"2021-05-29T16:00:00Z\",\"end_time\":\"2021-05-29T16:01:00Z\",\"devices\":[]}]}");
        assertThat(api.get("/api/v1/activities/" + id + "/").body()).isEqualTo(created.body());
        assertThat(api.get("/api/v1/activities/").body())
                .isEqualTo("{\"count\":1,\"page\":1,\"next\":null,\"previous\":null,\"results\":[" + created.body() + "]}");
        assertThat(membership.devicesOf(id, manager.id())).containsExactly(owned, alsoOwned);

        HttpResponse<String> bare = api.postJson("/api/v1/activities/", "{\"name\": \"Training\"}");
        assertThat(bare.statusCode()).isEqualTo(201);
        long second = ApiClient.json(bare).get("id").asLong();
        assertThat(second).isGreaterThan(id);
        assertThat(bare.body()).isEqualTo("{\"id\":" + second + ",\"name\":\"Training\",\"field\":null,\"timeframes\":[]}");
        JsonNode page = ApiClient.json(api.get("/api/v1/activities/?limit=1&page=2"));
        assertThat(page.get("count").asLong()).isEqualTo(2);
        assertThat(page.get("previous").asLong()).isEqualTo(1);
        assertThat(page.at("/results/0/id").asLong()).isEqualTo(second);
        assertThat(api.get("/api/v1/activities/?page=3").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedActivitiesAreRefusedWithEveryReason() {
        assertBadRequest(api.postJson("/api/v1/activities/", "{}"), "{\"name\":[\"This field is required.\"]}");
        assertBadRequest(api.postJson("/api/v1/activities/", "{\"name\": \"M\", \"field\": \"three\", \"timeframes\": {}}"),
                "{\"field\":[\"Incorrect type. Expected pk value, received str.\"],"
                        + "\"timeframes\":[\"Expected a list of items but got type \\\"dict\\\".\"]}");
        assertBadRequest(api.postJson("/api/v1/activities/", "{\"name\": \"M\", \"timeframes\": ["
                        + "{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T15:00:00Z\", \"devices\": []},"
                        + "{\"start_time\": \"yesterday\", \"devices\": \"" + owned + "\"},"
                        + "{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T16:00:00Z\", \"devices\": [true]},"
                        + "{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T16:00:00Z\","
                        + " \"devices\": [" + owned + "]},"
                        + "null]}"),
                "{\"timeframes\":[{\"non_field_errors\":[\"end_time must be after start_time.\"]},"
                        + "{\"start_time\":[\"Datetime has wrong format. Use one of these formats instead: timestamp in milliseconds,"
                        + " YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|+HHMM|-HH:MM|-HHMM|Z].\"],\"end_time\":[\"This field is required.\"],"
                        + "\"devices\":[\"Expected a list of items but got type \\\"str\\\".\"]},"
                        + "{\"devices\":[\"Incorrect type. Expected pk value, received bool.\"]},"
                        + "{},"
                        + "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got NoneType.\"]}]}");
        assertBadRequest(api.postJson("/api/v1/activities/", "{\"name\": \"" + "n".repeat(101) + "\", \"timeframes\": null}"),
                "{\"name\":[\"Ensure this field has no more than 100 characters.\"],\"timeframes\":[\"This field may not be null.\"]}");
        assertThat(ApiClient.json(api.get("/api/v1/activities/")).get("count").asLong()).isZero();
    }

    @Test
    void theFieldAndTheDevicesMustBeTheManagers() {
        ApiClient other = TestAccounts.authenticated(context, new ApiClient(port));
        long theirField = ApiClient.json(other.postJson("/api/v1/fields/", FIELD_BODY)).get("id").asLong();

        assertBadRequest(api.postJson("/api/v1/activities/", "{\"name\": \"M\", \"field\": " + theirField + ", \"timeframes\": ["
                        + "{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T16:00:00Z\","
                        + " \"devices\": [" + owned + "]},"
                        + "{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T16:00:00Z\", \"devices\": [" + NOT_OWNED
                        + ", 9299, " + alsoOwned + "]}]}"),
                "{\"field\":[\"Invalid pk \\\"" + theirField + "\\\" - object does not exist.\"],"
                        + "\"timeframes\":[{},{\"devices\":[\"Invalid pk \\\"" + NOT_OWNED + "\\\" - object does not exist.\","
                        + "\"Invalid pk \\\"9299\\\" - object does not exist.\"]}]}");
    }

    @Test
    void putSetsTheNameAndWhatIsGivenPatchWhatIsGiven() {
        long field = ApiClient.json(api.postJson("/api/v1/fields/", FIELD_BODY)).get("id").asLong();
        long id = create("{\"name\": \"Match\", \"field\": " + field + ", \"timeframes\": [{\"start_time\": \"2021-05-29T15:00:00Z\","
                + " \"end_time\": \"2021-05-29T16:00:00Z\", \"devices\": [" + owned + "]}]}");
        String path = "/api/v1/activities/" + id + "/";

        assertBadRequest(api.putJson(path, "{\"field\": null}"), "{\"name\":[\"This field is required.\"]}");
        HttpResponse<String> put = api.putJson(path, "{\"name\": \"Cup match\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(put).get("field").asLong()).isEqualTo(field);
        assertThat(ApiClient.json(put).at("/timeframes/0/devices/0").asLong()).isEqualTo(owned);

        HttpResponse<String> patched = api.patchJson(path, "{\"field\": null, \"timeframes\": [{\"start_time\": \"2021-05-30T10:00:00Z\","
                + " \"end_time\": \"2021-05-30T11:00:00Z\", \"devices\": [" + alsoOwned + "]}]}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).isEqualTo("{\"id\":" + id + ",\"name\":\"Cup match\",\"field\":null,\"timeframes\":["
                + "{\"start_time\":\"2021-05-30T10:00:00Z\",\"end_time\":\"2021-05-30T11:00:00Z\",\"devices\":[" + alsoOwned + "]}]}");
        assertThat(api.get(path).body()).isEqualTo(patched.body());
        assertThat(membership.devicesOf(id, manager.id())).containsExactly(alsoOwned);
        assertBadRequest(api.patchJson(path, "{\"name\": \"\"}"), "{\"name\":[\"This field may not be blank.\"]}");
    }

    @Test
    void aDeletedActivityIsGoneAndItsIdIsNotGivenAgain() {
        long id = create("{\"name\": \"Doomed\", \"timeframes\": [{\"start_time\": \"2021-05-29T15:00:00Z\","
                + " \"end_time\": \"2021-05-29T16:00:00Z\", \"devices\": [" + owned + "]}]}");

        HttpResponse<String> deleted = api.delete("/api/v1/activities/" + id + "/");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertNotFound(api.get("/api/v1/activities/" + id + "/"));
        assertNotFound(api.delete("/api/v1/activities/" + id + "/"));
        assertThat(membership.devicesOf(id, manager.id())).isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/activities/")).get("count").asLong()).isZero();
        assertThat(create("{\"name\": \"Next\"}")).isGreaterThan(id);
    }

    @Test
    void anotherManagersActivityIsNotFound() {
        long id = create("{\"name\": \"Mine\", \"timeframes\": [{\"start_time\": \"2021-05-29T15:00:00Z\","
                + " \"end_time\": \"2021-05-29T16:00:00Z\", \"devices\": [" + owned + "]}]}");
        TestAccounts.Credentials otherManager = TestAccounts.register(context, new ApiClient(port));
        ApiClient other = new ApiClient(port).withBasic(otherManager.username(), otherManager.password());
        String path = "/api/v1/activities/" + id + "/";

        assertNotFound(other.get(path));
        assertNotFound(other.putJson(path, "{\"name\": \"Theirs\"}"));
        assertNotFound(other.patchJson(path, "{\"name\": \"Theirs\"}"));
        assertNotFound(other.delete(path));
        assertThat(ApiClient.json(other.get("/api/v1/activities/")).get("count").asLong()).isZero();
        assertThat(membership.devicesOf(id, otherManager.id())).isEmpty();
        assertThat(membership.devicesOf(id, manager.id())).containsExactly(owned);
        assertNotFound(api.get("/api/v1/activities/first/"));
        assertThat(new ApiClient(port).get(path).statusCode()).isEqualTo(403);
    }

    private long create(String body) {
        HttpResponse<String> created = api.postJson("/api/v1/activities/", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created).get("id").asLong();
    }

    private static void assertBadRequest(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(body);
    }

    private static void assertNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
