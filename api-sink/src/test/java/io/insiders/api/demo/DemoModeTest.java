package io.insiders.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.insiders.api.ApiClient;
import io.insiders.api.DemoApplicationTest;
import io.insiders.api.accounts.ManagerDirectory;
import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.fields.Corner;
import io.insiders.api.fields.Field;
import io.insiders.api.fields.Fields;
import io.insiders.ingest.simulator.PitchModel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The demo mode as a newcomer meets it: devices provisioned, a demo manager who owns them and a field, live frames on
 * it within seconds, commands that answer with the printed credentials, and a second set-up that finds it all again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoModeTest extends DemoApplicationTest {

    private static final Pattern PLAIN_CURL = Pattern.compile("curl -s -u '([^:']+):([^']+)' '?(http://[^'\"\\s$]+)'?$", Pattern.MULTILINE);

    @LocalServerPort
    private int port;
    @Autowired
    private DemoRun demo;
    @Autowired
    private ManagerDirectory directory;
    @Autowired
    private DeviceRegistry devices;
    @Autowired
    private DemoOwnership ownership;
    @Autowired
    private Fields fields;

    /**
     * The demo's frames stop with the tests that read them: a stream thread that is committing them when the JVM exits
     * would wait for the test broker, which the JVM stops at the same time.
     */
    @AfterAll
    void stopTheDemo() {
        demo.stop();
    }

    @Test
    void theDemoSetsUpItsManagerDevicesAndFieldAndPlaysThemLive() throws Exception {
        DemoSession session = demo.awaitReady(Duration.ofSeconds(90));

        assertThat(session.deviceIds()).containsExactly(9101L, 9102L, 9103L);
        assertThat(session.baseUrl()).isEqualTo("http://localhost:" + port);
        assertThat(directory.byUsername("demo")).hasValueSatisfying(manager -> assertThat(manager.id()).isEqualTo(session.managerId()));
        for (long device : session.deviceIds()) {
            assertThat(devices.byId(device))
                    .hasValueSatisfying(record -> assertThat(record.deviceName()).isEqualTo("86447504100" + device));
            assertThat(ownership.ownsNow(device, session.managerId())).as("device %d owned", device).isTrue();
        }
        List<Field> demoFields = fields.of(session.managerId());
        assertThat(demoFields).extracting(Field::id).containsExactly(session.fieldId());
        assertThat(demoFields.get(0).name()).isEqualTo("Demo pitch");
        assertThat(demoFields.get(0).corners()).containsExactlyElementsOf(
                PitchModel.paris().corners().stream().map(c -> new Corner(c.latitude(), c.longitude())).toList());

        ApiClient api = new ApiClient(port).withBasic(session.username(), session.password());
        assertThat(ApiClient.json(api.get("/api/v1/me/")).get("username").asString()).isEqualTo("demo");
        String latest = "/api/v1/devices/9101/preprocessed-data/latest-timestamp/";
        long first = ApiClient.json(api.awaitStatus(latest, 200)).get("timestamp").asLong();
        assertThat(first).isGreaterThan(System.currentTimeMillis() - 60_000);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ApiClient.json(api.get(latest)).get("timestamp").asLong() > first);
        // The players run on the pitch: their frames carry the demo field's id and their position on it.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode rows = ApiClient.json(api.get("/api/v1/devices/9102/preprocessed-data/latest/?size=50"));
            for (JsonNode row : rows) {
                if (row.path("field.id").asLong(-1) == session.fieldId() && row.has("field.x") && row.has("field.y")) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void thePrintedCommandsAnswerWithThePrintedCredentials() throws Exception {
        DemoSession session = demo.awaitReady(Duration.ofSeconds(90));
        String banner = DemoBanner.text(session);
        // The banner comes a second after the first frames: they reach the stores soon after, on a busy machine later.
        new ApiClient(port).withBasic(session.username(), session.password())
                .awaitStatus("/api/v1/devices/9101/preprocessed-data/latest-timestamp/", 200);

        assertThat(banner).contains("INSIDERS DEMO", "username: demo", "password: " + session.password());
        Matcher commands = PLAIN_CURL.matcher(banner);
        List<String> answered = new ArrayList<>();
        while (commands.find()) {
            assertThat(commands.group(1)).isEqualTo(session.username());
            assertThat(commands.group(2)).isEqualTo(session.password());
            String path = commands.group(3).substring(session.baseUrl().length());
            HttpResponse<String> response = new ApiClient(port).withBasic(commands.group(1), commands.group(2)).get(path);
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
            answered.add(path);
        }
        assertThat(answered).contains("/api/v1/me/", "/api/v1/devices/9101/preprocessed-data/latest-timestamp/",
                "/api/v1/devices/9101/preprocessed-data/latest/?size=3", "/api/v1/fields/");
        // The commands whose times the shell computes: ranges and data over the last minutes.
        assertThat(banner).contains("/api/v1/devices/9101/preprocessed-data/ranges/?start=$(( $(date +%s) - 3600 ))000&stop=$(date +%s)000",
                "/api/v1/devices/9101/preprocessed-data/?start=$(( $(date +%s) - 300 ))000&stop=$(date +%s)000&limit=5");
        long now = System.currentTimeMillis();
        ApiClient api = new ApiClient(port).withBasic(session.username(), session.password());
        String data9101 = "/api/v1/devices/9101/preprocessed-data/";
        JsonNode data = ApiClient.json(api.get(data9101 + "?start=" + (now - 300_000) + "&stop=" + now + "&limit=5"));
        assertThat(data.get("count").asLong()).isPositive();
        JsonNode ranges = ApiClient.json(api.get(data9101 + "ranges/?start=" + (now - 3_600_000) + "&stop=" + now));
        assertThat(ranges.get("count").asLong()).isPositive();
    }

    @Test
    void settingUpAgainFindsTheSameManagerDevicesAndFieldWithANewPassword() throws Exception {
        DemoSession first = demo.awaitReady(Duration.ofSeconds(90));

        DemoSession again = demo.setUp();

        assertThat(again.managerId()).isEqualTo(first.managerId());
        assertThat(again.deviceIds()).isEqualTo(first.deviceIds());
        assertThat(again.fieldId()).isEqualTo(first.fieldId());
        assertThat(again.password()).isNotEqualTo(first.password());
        assertThat(fields.of(again.managerId())).hasSize(1);
        for (long device : again.deviceIds()) {
            assertThat(ownership.ownsNow(device, again.managerId())).isTrue();
        }
        HttpResponse<String> me = new ApiClient(port).withBasic(again.username(), again.password()).get("/api/v1/me/");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(again.toString()).doesNotContain(again.password());
    }
}
