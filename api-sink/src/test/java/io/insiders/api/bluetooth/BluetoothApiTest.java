package io.insiders.api.bluetooth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.DeviceLinkJson;
import io.insiders.ingest.devicelink.DownlinkCommand;
import io.insiders.ingest.devicelink.Pairing;
import io.insiders.ingest.devicelink.UplinkReport;
import io.insiders.ingest.simulator.BluetoothDeviceSide;
import io.insiders.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

/**
 * The Bluetooth configuration over HTTP and the device link, against the application on a real broker: every answer
 * of {@code GET} and {@code PATCH .../bluetooth-config/}, the commands on the downlink, the reports on the uplink, and
 * the round trip with the simulated devices' side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BluetoothApiTest {

    /** Devices of this test only (the broker and the registry are shared by the module's tests). */
    private static final long FIRST = 7101;
    private static final int DEVICES = 10;

    private static final String STRAP = "{\"mac_address\": \"02:32:F8:26:FA:AE\", \"name\": \"My heart rate bluetooth device\"}";
    private static final String METER = "{\"mac_address\": \"0a:1b:2c:3d:4e:5f\", \"name\": \"Power meter\"}";
    private static final Pairing STRAP_PAIRING = new Pairing("02:32:f8:26:fa:ae", "My heart rate bluetooth device");
    private static final Pairing METER_PAIRING = new Pairing("0a:1b:2c:3d:4e:5f", "Power meter");
    private static final String NOT_PERMITTED = "{\"detail\":\"You do not have permission to perform this action.\"}";

    private static TestAccounts.Credentials owner;
    private static TestAccounts.Credentials other;
    private static boolean owned;

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private MeterRegistry meters;
    private ApiClient api;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @BeforeAll
    static void provision() {
        for (long id = FIRST; id < FIRST + DEVICES; id++) {
            TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(id)), utf8("{\"id\": " + id + ", \"device_name\": \""
                    + name(id) + "\", \"serial_number\": \"sn-" + id + "\", \"device_type\": \"Model X 2000 Series\","
                    + " \"firmware_version\": \"1.2.3\"}"));
        }
    }

    @BeforeEach
    void owners() {
        if (!owned) {
            owner = TestAccounts.register(context, new ApiClient(port));
            other = TestAccounts.register(context, new ApiClient(port));
            ApiClient owning = new ApiClient(port).withBasic(owner.username(), owner.password());
            for (long id = FIRST; id < FIRST + DEVICES - 1; id++) {
                TestOwnership.take(owning, "sn-" + id);
            }
            owned = true;
        }
        api = new ApiClient(port).withBasic(owner.username(), owner.password());
        // The devices reach the API through the pipeline's global store.
        api.awaitStatus(path(FIRST + DEVICES - 2), 200);
    }

    @Test
    void aDeviceNeverConfiguredHasNothingCurrentAndNothingTargeted() {
        HttpResponse<String> response = api.get(path(FIRST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"current\":{},\"target\":{}}}");
    }

    @Test
    void aPatchSetsTheTargetOnlyAndNullUnpairsASlot() {
        long device = FIRST + 1;
        HttpResponse<String> both = api.patchJson(path(device), "{\"pairing_1\": " + STRAP + ", \"pairing_2\": " + METER
                + ", \"unknown\": 3}");

        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(both.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"current\":{},\"target\":{"
                + "\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\",\"name\":\"My heart rate bluetooth device\"},"
                + "\"pairing_2\":{\"mac_address\":\"0a:1b:2c:3d:4e:5f\",\"name\":\"Power meter\"}}}}");
        assertThat(api.get(path(device)).body()).isEqualTo(both.body());

        HttpResponse<String> unpaired = api.patchJson(path(device), "{\"pairing_2\": null}");
        assertThat(unpaired.statusCode()).isEqualTo(200);
        assertThat(unpaired.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"current\":{},\"target\":{"
                + "\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\",\"name\":\"My heart rate bluetooth device\"}}}}");

        // Nothing to change, a name left out: the slot left out stays.
        HttpResponse<String> renamed = api.patchJson(path(device), "{\"pairing_2\": {\"mac_address\": \"0A:1B:2C:3D:4E:5F\"}}");
        assertThat(ApiClient.json(renamed).at("/data/target/pairing_2").toString())
                .isEqualTo("{\"mac_address\":\"0a:1b:2c:3d:4e:5f\",\"name\":\"\"}");
        assertThat(ApiClient.json(renamed).at("/data/target/pairing_1/mac_address").asString()).isEqualTo("02:32:f8:26:fa:ae");
        assertThat(api.patchJson(path(device), "{}").body()).isEqualTo(renamed.body());
        // Without immediate_sending nothing went to the device.
        assertThat(downlink(name(device))).isEmpty();
    }

    @Test
    void invalidPairingsAndFlagsAre400WithTheErrorsOfEachField() {
        long device = FIRST + 2;
        HttpResponse<String> mac = api.patchJson(path(device), "{\"pairing_1\": {\"mac_address\": \"02:32:f8:26:fa\", \"name\": \"x\"}}");
        assertThat(mac.statusCode()).isEqualTo(400);
        assertThat(mac.body()).isEqualTo("{\"pairing_1\":{\"mac_address\":[\"" + BluetoothRequest.INVALID_MAC + "\"]}}");

        HttpResponse<String> several = api.patchJson(path(device) + "?immediate_sending=maybe",
                "{\"pairing_1\": {\"name\": \"" + "n".repeat(65) + "\"}, \"pairing_2\": \"02:32:f8:26:fa:ae\"}");
        assertThat(several.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(several);
        assertThat(errors.path("immediate_sending").toString()).isEqualTo("[\"Must be a valid boolean.\"]");
        assertThat(errors.at("/pairing_1/mac_address").toString()).isEqualTo("[\"This field is required.\"]");
        assertThat(errors.at("/pairing_1/name").toString()).isEqualTo("[\"Ensure this field has no more than 64 characters.\"]");
        assertThat(errors.at("/pairing_2/non_field_errors").toString())
                .isEqualTo("[\"Invalid data. Expected a dictionary, but got str.\"]");

        assertThat(api.patchJson(path(device), "[1]").body())
                .isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        assertThat(api.patchJson(path(device), "{\"pairing_1\": {\"mac_address\": null}}").body())
                .isEqualTo("{\"pairing_1\":{\"mac_address\":[\"This field may not be null.\"]}}");
        HttpResponse<String> malformed = api.patchJson(path(device), "{\"pairing_1\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(malformed).path("detail").asString()).startsWith("JSON parse error");
        // Nothing was changed by any of them.
        assertThat(api.get(path(device)).body()).isEqualTo("{\"status\":\"success\",\"data\":{\"current\":{},\"target\":{}}}");
    }

    @Test
    void onlyTheCurrentOwnerMayReadOrChangeTheConfiguration() {
        long device = FIRST + 3;
        ApiClient stranger = new ApiClient(port).withBasic(other.username(), other.password());
        assertThat(stranger.get(path(device)).statusCode()).isEqualTo(403);
        HttpResponse<String> patch = stranger.patchJson(path(device), "{\"pairing_1\": " + STRAP + "}");
        assertThat(patch.statusCode()).isEqualTo(403);
        assertThat(patch.body()).isEqualTo(NOT_PERMITTED);

        // A device nobody owns.
        long unowned = FIRST + DEVICES - 1;
        api.awaitStatus(path(unowned), 403);
        assertThat(api.patchJson(path(unowned), "{\"pairing_1\": " + STRAP + "}").body()).isEqualTo(NOT_PERMITTED);

        HttpResponse<String> anonymous = new ApiClient(port).patchJson(path(device), "{}");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThat(new ApiClient(port).get(path(device)).statusCode()).isEqualTo(403);
        // The owner's target is untouched.
        assertThat(api.get(path(device)).body()).isEqualTo("{\"status\":\"success\",\"data\":{\"current\":{},\"target\":{}}}");
    }

    @Test
    void anUnknownDeviceIs404() {
        for (String id : List.of("7199", "abc", "0")) {
            HttpResponse<String> get = api.get("/api/v1/devices/" + id + "/bluetooth-config/");
            assertThat(get.statusCode()).isEqualTo(404);
            assertThat(get.body()).isEqualTo("{\"detail\":\"Not found.\"}");
            assertThat(api.patchJson("/api/v1/devices/" + id + "/bluetooth-config/", "{}").statusCode()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/devices/" + FIRST + "/bluetooth-config").statusCode()).isEqualTo(404);
    }

    @Test
    void immediateSendingPutsTheTargetOnTheDownlinkAndOnlyTheDevicesReportChangesCurrent() {
        long device = FIRST + 4;
        HttpResponse<String> patched = api.patchJson(path(device) + "?immediate_sending=True", "{\"pairing_1\": " + STRAP + "}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        List<DownlinkCommand> commands = downlink(name(device));
        assertThat(commands).hasSize(1);
        DownlinkCommand command = commands.get(0);
        assertThat(command.type()).isEqualTo(DownlinkCommand.BLUETOOTH_CONFIG);
        assertThat(command.deviceName()).isEqualTo(name(device));
        assertThat(command.configuration()).isEqualTo(new BluetoothConfig(STRAP_PAIRING, null));
        assertThat(command.commandId()).isNotBlank();
        assertThat(ApiClient.json(api.get(path(device))).at("/data/current").toString()).isEqualTo("{}");

        report(UplinkReport.applied(name(device), command.commandId(), command.configuration(), System.currentTimeMillis()));
        awaitCurrent(device, "{\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\",\"name\":\"My heart rate bluetooth device\"}}");
        JsonNode data = ApiClient.json(api.get(path(device))).path("data");
        assertThat(data.path("target")).isEqualTo(data.path("current"));
        assertThat(downlink(name(device))).hasSize(1);
    }

    @Test
    void withoutImmediateSendingTheTargetGoesWhenTheDeviceReportsThatItStarted() {
        long device = FIRST + 5;
        api.patchJson(path(device) + "?immediate_sending=0", "{\"pairing_2\": " + METER + "}");
        assertThat(downlink(name(device))).isEmpty();

        report(UplinkReport.started(name(device), new BluetoothConfig(STRAP_PAIRING, null), System.currentTimeMillis()));
        List<DownlinkCommand> commands = awaitDownlink(name(device), 1);
        assertThat(commands.get(0).configuration()).isEqualTo(new BluetoothConfig(null, METER_PAIRING));
        // The device said what it runs: that is current now, while the target is on its way.
        awaitCurrent(device, "{\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\",\"name\":\"My heart rate bluetooth device\"}}");

        // Started again with the target already: nothing more to send.
        report(UplinkReport.started(name(device), new BluetoothConfig(null, METER_PAIRING), System.currentTimeMillis()));
        awaitCurrent(device, "{\"pairing_2\":{\"mac_address\":\"0a:1b:2c:3d:4e:5f\",\"name\":\"Power meter\"}}");
        assertThat(downlink(name(device))).hasSize(1);
    }

    @Test
    void theSimulatedDevicesApplyATargetSentAtOnceAndOneWaitingForTheirStart() {
        long immediate = FIRST + 6;
        long waiting = FIRST + 7;
        api.patchJson(path(waiting), "{\"pairing_1\": " + STRAP + ", \"pairing_2\": " + METER + "}");

        List<String> names = List.of(name(immediate), name(waiting));
        try (BluetoothDeviceSide devices = BluetoothDeviceSide.start(TestKafka.bootstrapServers(), names)) {
            // The waiting device reported that it started with nothing paired, and was sent its target.
            BluetoothConfig both = new BluetoothConfig(STRAP_PAIRING, METER_PAIRING);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> devices.configuration(name(waiting)).equals(Optional.of(both)));
            String bothJson = "{\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\",\"name\":\"My heart rate bluetooth device\"},"
                    + "\"pairing_2\":{\"mac_address\":\"0a:1b:2c:3d:4e:5f\",\"name\":\"Power meter\"}}";
            awaitCurrent(waiting, bothJson);

            // The other one's start made its (empty) configuration known; a target sent at once reaches it.
            awaitReported(immediate);
            HttpResponse<String> patched = api.patchJson(path(immediate) + "?immediate_sending=true", "{\"pairing_2\": " + METER + "}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            awaitCurrent(immediate, "{\"pairing_2\":{\"mac_address\":\"0a:1b:2c:3d:4e:5f\",\"name\":\"Power meter\"}}");
            JsonNode data = ApiClient.json(api.get(path(immediate))).path("data");
            assertThat(data.path("current")).isEqualTo(data.path("target"));
            assertThat(devices.configuration(name(immediate))).contains(new BluetoothConfig(null, METER_PAIRING));

            // Unpaired at once.
            api.patchJson(path(immediate) + "?immediate_sending=yes", "{\"pairing_2\": null}");
            awaitCurrent(immediate, "{}");
            assertThat(devices.applied()).isEqualTo(3);
        }
    }

    @Test
    void reportsThatCannotBeUsedAreCountedAndSkipped() {
        double unknown = refused("unknown_device");
        double unreadable = refused("unreadable");
        long device = FIRST + 8;
        report(UplinkReport.started("864475047199999", BluetoothConfig.EMPTY, System.currentTimeMillis()));
        TestKafka.send(Topics.DEVICES_UPLINK, utf8(name(device)), utf8("{\"type\": \"started\", \"device_name\": \"" + name(device)
                + "\", \"configuration\": {\"pairing_1\": {\"mac_address\": \"nope\"}}}"));
        TestKafka.send(Topics.DEVICES_UPLINK, utf8(name(device)), utf8("not json"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> refused("unknown_device") == unknown + 1
                && refused("unreadable") == unreadable + 2);
        // The follower goes on with the reports after them.
        report(UplinkReport.started(name(device), new BluetoothConfig(STRAP_PAIRING, null), System.currentTimeMillis()));
        awaitCurrent(device, "{\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\",\"name\":\"My heart rate bluetooth device\"}}");
    }

    // ---- helpers

    private double refused(String reason) {
        return meters.counter(UplinkFollower.REFUSED_METRIC, "reason", reason).count();
    }

    private void awaitCurrent(long device, String json) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ApiClient.json(api.get(path(device))).at("/data/current").toString().equals(json));
    }

    private void awaitReported(long device) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> context.getBean(io.insiders.api.registry.Registry.class).state()
                        .get(BluetoothEntry.KIND, device, BluetoothEntry.class).map(BluetoothEntry::lastReportedAt).isPresent());
    }

    private static List<DownlinkCommand> awaitDownlink(String deviceName, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> downlink(deviceName).size() >= count);
        return downlink(deviceName);
    }

    private static void report(UplinkReport report) {
        TestKafka.send(Topics.DEVICES_UPLINK, utf8(report.deviceName()), DeviceLinkJson.write(report));
    }

    /** The commands to the device on the downlink, as a device reads them: committed ones, in order. */
    private static List<DownlinkCommand> downlink(String deviceName) {
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        List<DownlinkCommand> commands = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEVICES_DOWNLINK).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (deviceName.equals(record.key())) {
                        commands.add(DeviceLinkJson.command(record.value()));
                    }
                }
            }
        }
        return commands;
    }

    private static String path(long device) {
        return "/api/v1/devices/" + device + "/bluetooth-config/";
    }

    private static String name(long device) {
        return "8644750471" + String.format("%05d", device);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
