package io.insiders.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.insiders.api.ApiClient;
import io.insiders.api.DemoApplicationTest;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * One manager against another's things, through every operation of the API: a victim owns a device with frames, a
 * custom name, a Bluetooth target and an upload job, and has a field and an activity; an attacker tries to read and
 * change each of them, and every attempt is refused (403, or 404 where the thing is not even shown to him). Then
 * the victim finds everything as he left it. The operations of the OpenAPI document that take an id are enumerated,
 * so that an operation added later fails this suite until it is attacked here too.
 */
class HostileManagersTest extends DemoApplicationTest {

    private static final long DEVICE = 9501;
    private static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    private static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    /** "METHOD /templated/path/" of every attempt made, to compare with the document's operations. */
    private final Set<String> attempted = new TreeSet<>();

    @BeforeAll
    static void provision() {
        TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(DEVICE)), utf8("{\"id\": " + DEVICE
                + ", \"device_name\": \"hostile-9501\", \"serial_number\": \"sn-9501\", \"device_type\": \"Model X 2000 Series\"}"));
    }

    @Test
    void everyOperationOnAnotherManagersThingsIsRefusedAndChangesNothing() throws IOException {
        TestAccounts.Credentials victimAccount = TestAccounts.register(context, new ApiClient(port));
        TestAccounts.Credentials attackerAccount = TestAccounts.register(context, new ApiClient(port));
        ApiClient victim = new ApiClient(port).withBasic(victimAccount.username(), victimAccount.password());
        ApiClient attacker = new ApiClient(port).withBasic(attackerAccount.username(), attackerAccount.password());
        Victim things = setUp(victim, victimAccount);
        Map<String, String> before = snapshot(victim, things);

        String device = "/api/v1/devices/" + DEVICE + "/";
        String manager = "/api/v1/managers/" + victimAccount.id() + "/";
        String now = Long.toString(System.currentTimeMillis());
        String hourAgo = Long.toString(System.currentTimeMillis() - 3_600_000);

        // The victim's account.
        refused(attacker, "GET", manager, "/api/v1/managers/{manager}/", null, 403);
        refused(attacker, "PUT", manager, "/api/v1/managers/{manager}/",
                "{\"username\": \"taken.over\", \"email\": \"x@example.com\"}", 403);
        refused(attacker, "PATCH", manager, "/api/v1/managers/{manager}/", "{\"email\": \"x@example.com\"}", 403);
        refused(attacker, "PUT", manager + "password/", "/api/v1/managers/{manager}/password/",
                "{\"old_password\": \"guess\", \"new_password\": \"An0ther-Secret-Pass\"}", 403);

        // The victim's device, its settings and its data.
        refused(attacker, "GET", device, "/api/v1/devices/{device}/", null, 403);
        refused(attacker, "PATCH", device, "/api/v1/devices/{device}/", "{\"custom_name\": \"mine now\"}", 403);
        refused(attacker, "PUT", device + "custom-name/", "/api/v1/devices/{device}/custom-name/", "{\"custom_name\": \"mine now\"}", 403);
        refused(attacker, "POST", device + "release-ownership/", "/api/v1/devices/{device}/release-ownership/", "{}", 403);
        refused(attacker, "GET", device + "bluetooth-config/", "/api/v1/devices/{device}/bluetooth-config/", null, 403);
        refused(attacker, "PATCH", device + "bluetooth-config/?immediate_sending=true", "/api/v1/devices/{device}/bluetooth-config/",
                "{\"pairing_1\": {\"mac_address\": \"02:00:00:00:00:01\", \"name\": \"evil strap\"}}", 403);
        refused(attacker, "POST", device + "asi/", "/api/v1/devices/{device}/asi/", things.upload(), 403);
        refused(attacker, "GET", device + "preprocessed-data/latest-timestamp/",
                "/api/v1/devices/{device}/preprocessed-data/latest-timestamp/", null, 403);
        refused(attacker, "GET", device + "preprocessed-data/latest/?size=300", "/api/v1/devices/{device}/preprocessed-data/latest/",
                null, 403);
        refused(attacker, "GET", device + "preprocessed-data/ranges/?start=" + hourAgo + "&stop=" + now,
                "/api/v1/devices/{device}/preprocessed-data/ranges/", null, 403);
        refused(attacker, "GET", device + "preprocessed-data/?start=" + hourAgo + "&stop=" + now,
                "/api/v1/devices/{device}/preprocessed-data/", null, 403);
        HttpResponse<String> take = attacker.postJson("/api/v1/devices/take-ownership/", "{\"serial_number\": \"sn-9501\"}");
        assertThat(take.statusCode()).as(take.body()).isEqualTo(403);

        // The victim's ownership and job.
        refused(attacker, "GET", "/api/v1/device-ownerships/" + things.ownership() + "/", "/api/v1/device-ownerships/{device_ownership}/",
                null, 403);
        refused(attacker, "GET", "/api/v1/jobs/" + things.job() + "/", "/api/v1/jobs/{job}/", null, 403);
        refused(attacker, "GET", "/api/v1/matlab-jobs/" + things.job() + "/info/", "/api/v1/matlab-jobs/{job}/info/", null, 403);

        // The victim's field and activity are not even shown to him: 404, as for a queryset filtered by owner.
        String field = "/api/v1/fields/" + things.field() + "/";
        String activity = "/api/v1/activities/" + things.activity() + "/";
        refused(attacker, "GET", field, "/api/v1/fields/{field}/", null, 404);
        refused(attacker, "PUT", field, "/api/v1/fields/{field}/", fieldBody("Stolen"), 404);
        refused(attacker, "PATCH", field, "/api/v1/fields/{field}/", "{\"name\": \"Stolen\"}", 404);
        refused(attacker, "DELETE", field, "/api/v1/fields/{field}/", null, 404);
        refused(attacker, "GET", activity, "/api/v1/activities/{activity}/", null, 404);
        refused(attacker, "PUT", activity, "/api/v1/activities/{activity}/", "{\"name\": \"Stolen\"}", 404);
        refused(attacker, "PATCH", activity, "/api/v1/activities/{activity}/", "{\"name\": \"Stolen\"}", 404);
        refused(attacker, "DELETE", activity, "/api/v1/activities/{activity}/", null, 404);

        // Nor can he use them in things of his own.
        HttpResponse<String> borrowedDevice = attacker.postJson("/api/v1/activities/", "{\"name\": \"Borrowed\", \"timeframes\": [{"
                + "\"start_time\": \"2030-01-01T10:00:00Z\", \"end_time\": \"2030-01-01T11:00:00Z\", \"devices\": [" + DEVICE + "]}]}");
        assertThat(borrowedDevice.statusCode()).as(borrowedDevice.body()).isEqualTo(400);
        HttpResponse<String> borrowedField = attacker.postJson("/api/v1/activities/",
                "{\"name\": \"Borrowed\", \"field\": " + things.field() + "}");
        assertThat(borrowedField.statusCode()).as(borrowedField.body()).isEqualTo(400);

        // Lists show him nothing of the victim's.
        for (String list : new String[] {"/api/v1/devices/", "/api/v1/devices/?current=false", "/api/v1/device-ownerships/",
            "/api/v1/device-ownerships/?device=" + DEVICE, "/api/v1/fields/", "/api/v1/activities/",
            "/api/v1/devices/?activity=" + things.activity()}) {
            HttpResponse<String> answer = attacker.get(list);
            assertThat(answer.statusCode()).as(list).isEqualTo(200);
            assertThat(ApiClient.json(answer).get("count").asInt()).as(list + " " + answer.body()).isZero();
        }
        HttpResponse<String> byExternalId = attacker.get("/api/v1/managers/?external-id=" + things.externalId());
        assertThat(byExternalId.body()).doesNotContain(victimAccount.username()).doesNotContain(victimAccount.email());

        assertThat(snapshot(victim, things)).isEqualTo(before);
        Set<String> operations = operationsWithIds();
        assertThat(operations).as("the document's operations on a thing by its id").hasSizeGreaterThanOrEqualTo(26);
        assertThat(attempted).containsAll(operations);
    }

    /** What the victim owns and made, as he sees it. */
    private record Victim(long ownership, String job, long field, long activity, String upload, String externalId) {
    }

    private Victim setUp(ApiClient victim, TestAccounts.Credentials account) throws IOException {
        TestOwnership.take(victim, "sn-9501");
        HttpResponse<String> named = victim.patchJson("/api/v1/devices/" + DEVICE + "/", "{\"custom_name\": \"Victim's device\"}");
        assertThat(named.statusCode()).as(named.body()).isIn(200, 201);
        HttpResponse<String> paired = victim.patchJson("/api/v1/devices/" + DEVICE + "/bluetooth-config/",
                "{\"pairing_1\": {\"mac_address\": \"02:32:f8:26:fa:ae\", \"name\": \"Victim's strap\"}}");
        assertThat(paired.statusCode()).as(paired.body()).isEqualTo(200);
        long time = System.currentTimeMillis();
        TestKafka.send(Topics.FRAMES_JSON, utf8("hostile-9501"), utf8("{\"device_name\": \"hostile-9501\", \"timestamp\": " + time
                + ", \"gnss.latitude\": 48.8412, \"gnss.longitude\": 2.253, \"ecg.hr\": 121}"));
        victim.awaitStatus("/api/v1/devices/" + DEVICE + "/preprocessed-data/latest-timestamp/", 200);
        String upload = "{\"asi_b64\": \"" + Base64.getEncoder().encodeToString(example()) + "\"}";
        JsonNode job = ApiClient.json(victim.postJson("/api/v1/devices/" + DEVICE + "/asi/", upload));
        // Ended either way (the example's frames are older than this context's retention): a job of his to read.
        assertThat(job.get("state").asString()).as(job.toString()).isIn("SUCCESS", "FAILURE");
        HttpResponse<String> field = victim.postJson("/api/v1/fields/", fieldBody("Victim's pitch"));
        assertThat(field.statusCode()).as(field.body()).isEqualTo(201);
        long fieldId = ApiClient.json(field).get("id").asLong();
        HttpResponse<String> activity = victim.postJson("/api/v1/activities/", "{\"name\": \"Victim's match\", \"field\": " + fieldId
                + ", \"timeframes\": [{\"start_time\": \"2030-01-01T10:00:00Z\", \"end_time\": \"2030-01-01T11:00:00Z\", \"devices\": ["
                + DEVICE + "]}]}");
        assertThat(activity.statusCode()).as(activity.body()).isEqualTo(201);
        long ownership = ApiClient.json(victim.get("/api/v1/device-ownerships/?device=" + DEVICE)).get("results").get(0).get("id").asLong();
        String externalId = ApiClient.json(victim.get("/api/v1/me/")).path("external_id").asString("");
        return new Victim(ownership, job.get("job_id").asString(), fieldId, ApiClient.json(activity).get("id").asLong(), upload,
                externalId.isEmpty() ? "0123456789" : externalId);
    }

    /** Everything the attacker might have changed, as the victim reads it. */
    private Map<String, String> snapshot(ApiClient victim, Victim things) {
        Map<String, String> seen = new LinkedHashMap<>();
        String device = "/api/v1/devices/" + DEVICE + "/";
        for (String path : new String[] {"/api/v1/me/", device, device + "bluetooth-config/",
            "/api/v1/device-ownerships/", "/api/v1/fields/" + things.field() + "/", "/api/v1/activities/" + things.activity() + "/",
            "/api/v1/jobs/" + things.job() + "/"}) {
            HttpResponse<String> answer = victim.get(path);
            seen.put(path, answer.statusCode() + " " + answer.body());
        }
        return seen;
    }

    private void refused(ApiClient attacker, String method, String path, String template, String body, int status) {
        HttpResponse<String> answer = body == null ? ("GET".equals(method) ? attacker.get(path) : attacker.delete(path))
                : attacker.sendJson(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.body()).as(method + " " + path).isEqualTo(status == 403 ? FORBIDDEN : NOT_FOUND);
        attempted.add(method + " " + template);
    }

    /** Every operation of the OpenAPI document whose path names a thing by its id. */
    private Set<String> operationsWithIds() {
        JsonNode paths = ApiClient.json(new ApiClient(port).get("/api/v1/schema/")).get("paths");
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().contains("{")) {
                continue;
            }
            for (String method : path.getValue().propertyNames()) {
                if (Set.of("get", "put", "patch", "post", "delete").contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static String fieldBody(String name) {
        return "{\"name\": \"" + name + "\", \"corners\": [{\"latitude\": 48.84312, \"longitude\": 2.25281}, {\"latitude\": 48.84401,"
                + " \"longitude\": 2.25379}, {\"latitude\": 48.84356, \"longitude\": 2.25478},"
                + " {\"latitude\": 48.84267, \"longitude\": 2.25380}]}";
    }

    private static byte[] example() throws IOException {
        try (InputStream in = HostileManagersTest.class.getResourceAsStream("/asi/match-short.asi")) {
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
