package io.insiders.api.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.api.ownership.Ownership;
import io.insiders.api.registry.Registry;
import io.insiders.api.streams.StoreQueries;
import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.UploadSubmitter;
import io.insiders.schemas.IsoTimes;
import io.insiders.schemas.Topics;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.ranges.ActivityRanges;
import io.insiders.stream.ranges.Range;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Devices and ownerships over HTTP against the application on a real broker: every operation's success and documented
 * errors, the race of two managers for a free device, and the data, jobs and devices of other managers refused or
 * clipped to the times the asking manager owned the device.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DevicesApiTest.Activities.class)
class DevicesApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TAKE = "/api/v1/devices/take-ownership/";
    private static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    private static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    private static final String OPEN_END = "2999-12-31T23:59:59Z";

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    /** The activities' side of the {@code activity} filter: the devices linked to each manager's activity. */
    @TestConfiguration
    static class Activities {

        static final Map<String, Set<Long>> LINKED = new ConcurrentHashMap<>();

        @Bean
        @Primary
        ActivityMembership testActivities() {
            return (activity, manager) -> LINKED.getOrDefault(activity + "/" + manager, Set.of());
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @BeforeAll
    static void provision() {
        for (long id = 61; id <= 65; id++) {
            provision(id, name(id), "sn-" + id, "Model X 2000 Series");
        }
        provision(66, name(66), "ab-66-XY", "Model X 2000 Series");
        provision(67, name(67), "cd-67", "Model Y");
        provision(68, name(68), "ab-68", "Model X 2000 Series");
        for (long id = 69; id <= 71; id++) {
            provision(id, name(id), "sn-" + id, "Model X 2000 Series");
        }
    }

    @BeforeEach
    void devicesKnown() {
        ApiClient anyone = TestAccounts.authenticated(context, new ApiClient(port));
        // Provisioned once a release finds the device (never activated: 400) rather than nothing (404).
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                anyone.postJson("/api/v1/devices/71/release-ownership/", "{}").statusCode() != 404);
    }

    // ---- take-ownership, retrieve

    @Test
    void takingADeviceBySerialOrNameActivatesItAndMakesItTheManagersOnce() {
        ApiClient alice = manager();
        long before = System.currentTimeMillis();
        HttpResponse<String> taken = TestOwnership.take(alice, "sn-61");

        assertThat(taken.statusCode()).isEqualTo(201);
        assertThat(taken.body()).isEqualTo(device(61, "sn-61", "Model X 2000 Series", null));
        // Taken again, by name, or by both: his already, the same answer and no new ownership.
        assertThat(alice.postJson(TAKE, "{\"device_name\": \"" + name(61) + "\"}").body()).isEqualTo(taken.body());
        HttpResponse<String> both = alice.postJson(TAKE, "{\"serial_number\": \"sn-61\", \"device_name\": \"" + name(61) + "\"}");
        assertThat(both.statusCode()).isEqualTo(201);

        JsonNode ownerships = json(alice.get("/api/v1/device-ownerships/"));
        assertThat(ownerships.get("count").asInt()).isEqualTo(1);
        JsonNode ownership = ownerships.get("results").get(0);
        assertThat(ownership.propertyNames()).containsExactly("id", "start_time", "end_time", "device", "manager", "device_details");
        assertThat(ownership.get("device").asLong()).isEqualTo(61);
        assertThat(ownership.get("end_time").asString()).isEqualTo(OPEN_END);
        assertThat(ownership.get("start_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z");
        assertThat(ownership.get("device_details").toString()).isEqualTo(json(taken).toString());

        HttpResponse<String> retrieved = alice.get("/api/v1/devices/61/");
        assertThat(retrieved.statusCode()).isEqualTo(200);
        assertThat(retrieved.body()).isEqualTo(taken.body());
        JsonNode listed = json(alice.get("/api/v1/devices/"));
        assertThat(listed.toString())
                .isEqualTo("{\"count\":1,\"page\":1,\"next\":null,\"previous\":null,\"results\":[" + taken.body() + "]}");
        // Activated when first taken.
        assertThat(count(alice, "/api/v1/devices/?activation_time_from=" + IsoTimes.zulu(before - 1000))).isEqualTo(1);
        assertThat(count(alice, "/api/v1/devices/?activation_time_to=" + IsoTimes.zulu(before - 1000))).isZero();
        assertThat(alice.get("/api/v1/devices/61").statusCode()).as("without its slash").isEqualTo(404);
    }

    @Test
    void takeOwnershipNamesOneDeviceThatNobodyElseOwns() {
        ApiClient alice = manager();
        ApiClient bob = manager();
        assertAnswer(alice.postJson(TAKE, "{}"), 400, "{\"non_field_errors\":[\"Either serial_number or device_name is required.\"]}");
        assertAnswer(alice.postJson(TAKE, "{\"serial_number\": \"no-such-serial\"}"), 404, NOT_FOUND);
        assertAnswer(alice.postJson(TAKE, "{\"device_name\": \"no-such-name\"}"), 404, NOT_FOUND);
        assertAnswer(alice.postJson(TAKE, "{\"serial_number\": \"sn-62\", \"device_name\": \"" + name(61) + "\"}"), 400,
                "{\"non_field_errors\":[\"serial_number and device_name name different devices.\"]}");
        assertAnswer(alice.postJson(TAKE, "{\"serial_number\": \"\"}"), 400, "{\"serial_number\":[\"This field may not be blank.\"]}");
        assertAnswer(alice.postJson(TAKE, "{\"device_name\": [1]}"), 400, "{\"device_name\":[\"Not a valid string.\"]}");

        TestOwnership.take(alice, "sn-62");
        assertAnswer(bob.postJson(TAKE, "{\"serial_number\": \"sn-62\"}"), 403, FORBIDDEN);
        assertAnswer(bob.get("/api/v1/devices/62/"), 403, FORBIDDEN);
        assertAnswer(bob.get("/api/v1/devices/999999/"), 404, NOT_FOUND);
        assertThat(count(bob, "/api/v1/devices/")).isZero();
    }

    // ---- release-ownership

    @Test
    void releasingEndsTheOwnershipAndFreesTheDevice() {
        ApiClient alice = manager();
        ApiClient bob = manager();
        assertAnswer(alice.postJson("/api/v1/devices/64/release-ownership/", "{}"), 400,
                "{\"message\":\"Device has never been activated.\"}");
        assertAnswer(alice.postJson("/api/v1/devices/999999/release-ownership/", "{}"), 404, NOT_FOUND);

        HttpResponse<String> taken = TestOwnership.take(alice, "sn-63");
        assertAnswer(bob.postJson("/api/v1/devices/63/release-ownership/", "{}"), 403, FORBIDDEN);
        HttpResponse<String> released = alice.postJson("/api/v1/devices/63/release-ownership/", "{}");
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(released.body()).isEqualTo(taken.body());

        assertAnswer(alice.get("/api/v1/devices/63/"), 403, FORBIDDEN);
        assertAnswer(alice.postJson("/api/v1/devices/63/release-ownership/", "{}"), 403, FORBIDDEN);
        assertThat(count(alice, "/api/v1/devices/?current=true")).isZero();
        assertThat(count(alice, "/api/v1/devices/")).as("ever owned").isEqualTo(1);
        assertThat(json(alice.get("/api/v1/device-ownerships/")).get("results").get(0).get("end_time").asString()).isNotEqualTo(OPEN_END);

        assertThat(bob.postJson(TAKE, "{\"serial_number\": \"sn-63\"}").statusCode()).isEqualTo(201);
        assertThat(bob.get("/api/v1/devices/63/").statusCode()).isEqualTo(200);
        assertThat(count(bob, "/api/v1/devices/?current=True")).isEqualTo(1);
    }

    // ---- custom name

    @Test
    void theCurrentOwnerNamesTheDeviceWithinTheAllowedCharacters() {
        ApiClient alice = manager();
        ApiClient bob = manager();
        TestOwnership.take(alice, "sn-65");
        String path = "/api/v1/devices/65/";

        assertAnswer(alice.putJson(path + "custom-name/", "{\"custom_name\": \"My device 123\"}"), 200,
                device(65, "sn-65", "Model X 2000 Series", "My device 123"));
        assertThat(alice.get(path).body()).contains("\"custom_name\":\"My device 123\"");
        String allowed = "Tribune (nord) #2 - l'équipe_A.";
        assertThat(json(alice.patchJson(path, "{\"custom_name\": \"" + allowed + "\"}")).get("custom_name").asString()).isEqualTo(allowed);
        assertThat(json(alice.patchJson(path, "{}")).get("custom_name").asString()).as("nothing to change").isEqualTo(allowed);
        assertThat(json(alice.get("/api/v1/devices/")).get("results").get(0).get("custom_name").asString()).isEqualTo(allowed);

        assertAnswer(alice.putJson(path + "custom-name/", "{}"), 400, "{\"custom_name\":[\"This field is required.\"]}");
        assertAnswer(alice.putJson(path + "custom-name/", "{\"custom_name\": \"" + "x".repeat(61) + "\"}"), 400,
                "{\"custom_name\":[\"Ensure this field has no more than 60 characters.\"]}");
        assertThat(alice.putJson(path + "custom-name/", "{\"custom_name\": \"" + "x".repeat(60) + "\"}").statusCode()).isEqualTo(200);
        assertAnswer(alice.patchJson(path, "{\"custom_name\": \"bad/name!\"}"), 400,
                "{\"custom_name\":[\"Enter a valid value: letters, digits, spaces and _ - . ' ( ) # only.\"]}");
        assertAnswer(alice.patchJson(path, "{\"custom_name\": \"\"}"), 400, "{\"custom_name\":[\"This field may not be blank.\"]}");
        assertThat(alice.patchJson(path, "{\"custom_name\": null}").body()).contains("\"custom_name\":null");

        assertAnswer(bob.putJson(path + "custom-name/", "{\"custom_name\": \"Mine\"}"), 403, FORBIDDEN);
        assertAnswer(bob.patchJson(path, "{\"custom_name\": \"Mine\"}"), 403, FORBIDDEN);
        assertAnswer(alice.putJson("/api/v1/devices/999999/custom-name/", "{\"custom_name\": \"Mine\"}"), 404, NOT_FOUND);
    }

    // ---- the list

    @Test
    void theListFiltersSearchesOrdersAndPagesTheManagersDevices() {
        TestAccounts.Credentials carol = TestAccounts.register(context, new ApiClient(port));
        ApiClient api = new ApiClient(port).withBasic(carol.username(), carol.password());
        TestOwnership.take(api, "ab-66-XY");
        TestOwnership.take(api, "cd-67");
        TestOwnership.take(api, "ab-68");
        api.patchJson("/api/v1/devices/66/", "{\"custom_name\": \"Zulu\"}");
        api.patchJson("/api/v1/devices/68/", "{\"custom_name\": \"alpha\"}");

        assertThat(ids(api, "")).containsExactly(66L, 67L, 68L);
        assertThat(ids(api, "ordering=-device_name")).containsExactly(68L, 67L, 66L);
        assertThat(ids(api, "ordering=custom_name")).as("case aside, missing last").containsExactly(68L, 66L, 67L);
        assertThat(ids(api, "ordering=-custom_name")).containsExactly(67L, 66L, 68L);
        assertThat(ids(api, "ordering=device_type,-serial_number")).containsExactly(68L, 66L, 67L);
        assertThat(ids(api, "ordering=-activation_time")).containsExactly(68L, 67L, 66L);
        assertThat(ids(api, "ordering=unknown")).containsExactly(66L, 67L, 68L);
        assertThat(ids(api, "search=AB")).containsExactly(66L, 68L);
        assertThat(ids(api, "search=zulu")).containsExactly(66L);
        assertThat(ids(api, "search=ab%2068")).containsExactly(68L);
        assertThat(ids(api, "device_name=0067")).containsExactly(67L);
        assertThat(ids(api, "serial_number=xy")).containsExactly(66L);
        assertThat(ids(api, "custom_name=ALP")).containsExactly(68L);
        assertThat(ids(api, "device_type=Model%20Y")).containsExactly(67L);
        assertThat(ids(api, "device_type=Model")).as("exact").isEmpty();
        assertThat(ids(api, "device_name=")).as("empty: no filter").hasSize(3);
        assertThat(ids(api, "activation_time_from=2999-01-01T00:00:00%2B0100")).isEmpty();
        assertThat(ids(api, "activation_time_to=2999-01-01T00:00:00%200100")).hasSize(3);
        assertThat(ids(api, "current=true")).hasSize(3);

        Activities.LINKED.put("5/" + carol.id(), Set.of(67L, 61L));
        assertThat(ids(api, "activity=5")).as("only his devices").containsExactly(67L);
        assertThat(ids(api, "activity=6")).isEmpty();
        assertThat(ids(api, "activity=5.5")).isEmpty();
        assertAnswer(api.get("/api/v1/devices/?activity=five"), 400, "{\"activity\":[\"Enter a number.\"]}");
        assertAnswer(api.get("/api/v1/devices/?activation_time_from=yesterday"), 400,
                "{\"activation_time_from\":[\"Enter a valid date/time.\"]}");

        JsonNode first = json(api.get("/api/v1/devices/?limit=2"));
        assertThat(first.get("count").asInt()).isEqualTo(3);
        assertThat(first.get("results")).hasSize(2);
        assertThat(first.get("next").asInt()).isEqualTo(2);
        JsonNode second = json(api.get("/api/v1/devices/?limit=2&page=2"));
        assertThat(second.get("results").get(0).get("id").asLong()).isEqualTo(68);
        assertThat(second.get("previous").asInt()).isEqualTo(1);
        assertAnswer(api.get("/api/v1/devices/?limit=2&page=3"), 404, "{\"detail\":\"Invalid page.\"}");
        assertThat(json(api.get("/api/v1/devices/?limit=5000")).get("results")).as("clamped to 3000").hasSize(3);
    }

    // ---- ownerships

    @Test
    void aManagerListsAndRetrievesHisOwnOwnershipsWithTheirFilters() {
        ApiClient alice = manager();
        ApiClient bob = manager();
        TestOwnership.take(alice, "sn-69");
        assertThat(alice.postJson("/api/v1/devices/69/release-ownership/", "{}").statusCode()).isEqualTo(200);
        TestOwnership.take(alice, "sn-69");

        JsonNode both = json(alice.get("/api/v1/device-ownerships/?device=69"));
        assertThat(both.get("count").asInt()).isEqualTo(2);
        JsonNode ended = both.get("results").get(0);
        JsonNode current = both.get("results").get(1);
        assertThat(ended.get("id").asLong()).isLessThan(current.get("id").asLong());
        assertThat(current.get("end_time").asString()).isEqualTo(OPEN_END);
        assertThat(count(alice, "/api/v1/device-ownerships/?device_name=" + name(69))).isEqualTo(2);
        assertThat(count(alice, "/api/v1/device-ownerships/?device_name=" + name(69).substring(1))).as("exact").isZero();
        assertThat(count(alice, "/api/v1/device-ownerships/?end_time_from=2999-01-01T00:00:00Z")).isEqualTo(1);
        assertThat(count(alice, "/api/v1/device-ownerships/?end_time_to=2999-01-01T00:00:00Z")).isEqualTo(1);
        assertThat(count(alice, "/api/v1/device-ownerships/?start_time_to=2000-01-01T00:00:00Z")).isZero();
        assertThat(count(alice, "/api/v1/device-ownerships/?start_time_from=" + ended.get("start_time").asString())).isEqualTo(2);
        assertAnswer(alice.get("/api/v1/device-ownerships/?device=abc"), 400,
                "{\"device\":[\"Select a valid choice. That choice is not one of the available choices.\"]}");
        assertThat(alice.get("/api/v1/device-ownerships/?device=999999").statusCode()).isEqualTo(400);
        assertAnswer(alice.get("/api/v1/device-ownerships/?start_time_from=soon"), 400,
                "{\"start_time_from\":[\"Enter a valid date/time.\"]}");

        String path = "/api/v1/device-ownerships/" + current.get("id").asLong() + "/";
        HttpResponse<String> retrieved = alice.get(path);
        assertThat(retrieved.statusCode()).isEqualTo(200);
        assertThat(retrieved.body()).isEqualTo(current.toString());
        assertAnswer(alice.get(path + "?end_time_to=2000-01-01T00:00:00Z"), 404, NOT_FOUND);
        assertAnswer(bob.get(path), 403, FORBIDDEN);
        assertAnswer(alice.get("/api/v1/device-ownerships/99999999/"), 404, NOT_FOUND);
        assertThat(count(bob, "/api/v1/device-ownerships/?device=69")).isZero();
    }

    // ---- races

    @Test
    void managersTakingAFreeDeviceAtOnceLeaveExactlyOneOwner() throws Exception {
        List<ApiClient> managers = List.of(manager(), manager(), manager());
        Registry registry = context.getBean(Registry.class);
        int rounds = 5;
        ExecutorService threads = Executors.newFixedThreadPool(managers.size());
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (ApiClient manager : managers) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return manager.postJson(TAKE, "{\"serial_number\": \"sn-70\"}");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                ApiClient winner = null;
                for (int i = 0; i < answers.size(); i++) {
                    HttpResponse<String> answer = answers.get(i).get();
                    statuses.add(answer.statusCode());
                    if (answer.statusCode() == 201) {
                        winner = managers.get(i);
                    }
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 403, 403);
                long now = System.currentTimeMillis();
                assertThat(registry.state().all(Ownership.KIND, Ownership.class).stream()
                        .filter(ownership -> ownership.device() == 70 && ownership.holdsAt(now))).hasSize(1);
                assertThat(winner.postJson("/api/v1/devices/70/release-ownership/", "{}").statusCode()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        List<Ownership> ownerships = registry.state().all(Ownership.KIND, Ownership.class).stream()
                .filter(ownership -> ownership.device() == 70).sorted(Comparator.comparingLong(Ownership::id)).toList();
        assertThat(ownerships).hasSize(rounds);
        for (int i = 1; i < ownerships.size(); i++) {
            assertThat(ownerships.get(i).startTime()).as("one after the other").isGreaterThanOrEqualTo(ownerships.get(i - 1).endTime());
        }
    }

    // ---- data, uploads and jobs

    @Test
    void eachManagerReadsTheDataOfTheTimesHeOwnedTheDeviceOnly() throws Exception {
        TestAccounts.Credentials aliceCredentials = TestAccounts.register(context, new ApiClient(port));
        ApiClient alice = new ApiClient(port).withBasic(aliceCredentials.username(), aliceCredentials.password());
        TestAccounts.Credentials bobCredentials = TestAccounts.register(context, new ApiClient(port));
        ApiClient bob = new ApiClient(port).withBasic(bobCredentials.username(), bobCredentials.password());
        ApiClient carol = manager();
        String device = name(71);
        long now = System.currentTimeMillis() / 1000 * 1000;

        // Alice owned it since an hour ago, until now; then Bob; then Alice again.
        TestOwnership.grantSince(context, 71, aliceCredentials.id(), now - 3_600_000);
        assertThat(alice.postJson("/api/v1/devices/71/release-ownership/", "{}").statusCode()).isEqualTo(200);
        long aliceEnd = System.currentTimeMillis();
        assertThat(bob.postJson(TAKE, "{\"serial_number\": \"sn-71\"}").statusCode()).isEqualTo(201);
        long bobStart = ownershipStart(bob, 71);
        assertThat(bobStart).isGreaterThanOrEqualTo(aliceEnd - 1000);
        // One range across both: Alice's 30 frames, then Bob's 30 (in his first 3 seconds), less than 5 minutes apart.
        List<Long> alices = times(now - 150_000, 30, 1000);
        List<Long> bobs = times(bobStart + 100, 30, 100);
        send(device, alices);
        send(device, bobs);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> wholeRanges(device).stream().mapToLong(Range::size).sum() == 60);
        assertThat(wholeRanges(device)).as("the device's one range, as the pipeline keeps it").hasSize(1);

        long from = now - 3_000_000;
        long to = bobStart + 3_600_000;
        assertThat(json(alice.get(ranges(from, to))).toString()).isEqualTo(rangesBody(alices));
        assertThat(json(bob.get(ranges(from, to))).toString()).isEqualTo(rangesBody(bobs));
        assertThat(listed(alice, from, to, 7)).isEqualTo(alices);
        assertThat(listed(bob, from, to, 7)).isEqualTo(bobs);
        assertThat(json(bob.get(data(from, to, 100))).get("count").asInt()).isEqualTo(30);
        // Intervals that meet none of their ownerships, and a manager who never owned it.
        assertAnswer(alice.get(data(bobStart, to, 100)), 403, FORBIDDEN);
        assertAnswer(alice.get(ranges(bobStart, to)), 403, FORBIDDEN);
        assertAnswer(bob.get(data(from, aliceEnd - 1000, 100)), 403, FORBIDDEN);
        assertAnswer(carol.get(data(from, to, 100)), 403, FORBIDDEN);
        assertAnswer(carol.get(ranges(from, to)), 403, FORBIDDEN);
        // The latest data: its current owner's only.
        assertAnswer(alice.get("/api/v1/devices/71/preprocessed-data/latest/"), 403, FORBIDDEN);
        assertAnswer(alice.get("/api/v1/devices/71/preprocessed-data/latest-timestamp/"), 403, FORBIDDEN);
        assertThat(timestamps(json(bob.get("/api/v1/devices/71/preprocessed-data/latest/?size=300"))))
                .as("Bob's frames, not Alice's").isEqualTo(reversed(bobs));
        assertThat(json(bob.get("/api/v1/devices/71/preprocessed-data/latest-timestamp/")).get("timestamp").asLong())
                .isEqualTo(bobs.get(29));
        // Uploads: the current owner's.
        assertAnswer(alice.postJson("/api/v1/devices/71/asi/", "{}"), 403, FORBIDDEN);

        // Alice takes it again: her listing joins her two windows, paged across them.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > bobs.get(29) + 100);
        assertThat(bob.postJson("/api/v1/devices/71/release-ownership/", "{}").statusCode()).isEqualTo(200);
        assertThat(alice.postJson(TAKE, "{\"device_name\": \"" + device + "\"}").statusCode()).isEqualTo(201);
        long aliceAgain = ownershipStart(alice, 71);
        // Her latest data starts with her new ownership: Bob's newest frames are not hers.
        assertAnswer(alice.get("/api/v1/devices/71/preprocessed-data/latest/?size=10"), 200, "[]");
        assertAnswer(alice.get("/api/v1/devices/71/preprocessed-data/latest-timestamp/"), 400,
                "{\"detail\":\"No data for this device yet.\"}");
        List<Long> later = times(Math.max(aliceAgain, bobs.get(29) + 1000) + 10_000, 5, 1000);
        send(device, later);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> wholeRanges(device).stream().mapToLong(Range::size).sum() == 65);
        long end = later.get(4) + 3_600_000;
        List<Long> hers = new ArrayList<>(alices);
        hers.addAll(later);
        assertThat(listed(alice, from, end, 7)).isEqualTo(hers);
        JsonNode fifth = json(alice.get(data(from, end, 7) + "&page=5"));
        assertThat(timestamps(fifth.get("results"))).as("across her windows")
                .containsExactly(alices.get(28), alices.get(29), later.get(0), later.get(1), later.get(2), later.get(3), later.get(4));
        assertThat(json(alice.get(ranges(from, end))).toString()).isEqualTo("{\"count\":2,\"page\":1,\"next\":null,\"previous\":null,"
                + "\"results\":[" + range(alices) + "," + range(later) + "]}");
        assertThat(listed(bob, from, end, 7)).isEqualTo(bobs);
        assertThat(timestamps(json(alice.get("/api/v1/devices/71/preprocessed-data/latest/?size=300")))).isEqualTo(reversed(later));
    }

    @Test
    void aJobIsItsCreatorsOnly() {
        TestAccounts.Credentials bobCredentials = TestAccounts.register(context, new ApiClient(port));
        ApiClient bob = new ApiClient(port).withBasic(bobCredentials.username(), bobCredentials.password());
        ApiClient alice = manager();
        Job job = context.getBean(UploadSubmitter.class).submit(62, name(62), bobCredentials.id(),
                "not an ASI file".getBytes(StandardCharsets.UTF_8));
        String path = "/api/v1/jobs/" + job.jobId() + "/";

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> bob.get(path).statusCode() == 200);
        assertAnswer(alice.get(path), 403, FORBIDDEN);
        assertAnswer(alice.get("/api/v1/matlab-jobs/" + job.jobId() + "/info/"), 403, FORBIDDEN);
        assertAnswer(alice.get("/api/v1/jobs/job-00000000-0000-0000-0000-000000000000/"), 404, NOT_FOUND);
    }

    // ---- helpers

    private ApiClient manager() {
        return TestAccounts.authenticated(context, new ApiClient(port));
    }

    private static String name(long id) {
        return "8644750410000" + id;
    }

    private static String device(long id, String serial, String type, String customName) {
        return "{\"id\":" + id + ",\"device_name\":\"" + name(id) + "\",\"serial_number\":\"" + serial + "\",\"device_type\":\"" + type
                + "\",\"firmware_version\":\"1.2.3\",\"custom_name\":" + (customName == null ? "null" : "\"" + customName + "\"") + "}";
    }

    private static void assertAnswer(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    private static int count(ApiClient api, String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json(response).get("count").asInt();
    }

    private static List<Long> ids(ApiClient api, String query) {
        HttpResponse<String> response = api.get("/api/v1/devices/?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json(response).get("results").forEach(device -> ids.add(device.get("id").asLong()));
        return ids;
    }

    private static long ownershipStart(ApiClient api, long device) {
        JsonNode results = json(api.get("/api/v1/device-ownerships/?device=" + device + "&end_time_from=2999-01-01T00:00:00Z"))
                .get("results");
        assertThat(results).hasSize(1);
        return java.time.Instant.parse(results.get(0).get("start_time").asString()).toEpochMilli();
    }

    private List<Range> wholeRanges(String device) {
        return context.getBean(StoreQueries.class).read(ActivityRanges.STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                store -> ActivityRanges.all(store, device));
    }

    private static List<Long> times(long first, int count, long step) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(first + i * step);
        }
        return times;
    }

    private static List<Long> reversed(List<Long> times) {
        List<Long> reversed = new ArrayList<>(times);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static void send(String device, List<Long> times) {
        List<Map<String, Object>> frames = times.stream().map(time -> PipelineDriver.frame(device, time)).toList();
        TestKafka.send(Topics.FRAMES_JSON, device.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(frames));
    }

    private static String ranges(long from, long to) {
        return "/api/v1/devices/71/preprocessed-data/ranges/?start=" + from + "&stop=" + to;
    }

    private static String data(long from, long to, int limit) {
        return "/api/v1/devices/71/preprocessed-data/?start=" + from + "&stop=" + to + "&limit=" + limit;
    }

    private static String range(List<Long> times) {
        return "{\"start\":\"" + IsoTimes.zulu(times.get(0)) + "\",\"stop\":\"" + IsoTimes.zulu(times.get(times.size() - 1))
                + "\",\"size\":" + times.size() + "}";
    }

    private static String rangesBody(List<Long> times) {
        return "{\"count\":1,\"page\":1,\"next\":null,\"previous\":null,\"results\":[" + range(times) + "]}";
    }

    /** Every page of the listing, {@code limit} rows a page: the rows' times, checking each page's count and size. */
    private static List<Long> listed(ApiClient api, long from, long to, int limit) {
        JsonNode first = json(api.get(data(from, to, limit)));
        int count = first.get("count").asInt();
        List<Long> times = new ArrayList<>();
        for (int page = 1; page == 1 || (page - 1) * limit < count; page++) {
            HttpResponse<String> response = api.get(data(from, to, limit) + "&page=" + page);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("count").asInt()).isEqualTo(count);
            assertThat(body.get("results").size()).isEqualTo(Math.min(limit, count - (page - 1) * limit));
            times.addAll(timestamps(body.get("results")));
        }
        return times;
    }

    private static List<Long> timestamps(JsonNode rows) {
        List<Long> times = new ArrayList<>();
        rows.forEach(row -> times.add(row.get("timestamp").asLong()));
        return times;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiClient.json(response);
    }

    private static void provision(long id, String name, String serial, String type) {
        TestKafka.send(Topics.DEVICES_PROVISIONING, Long.toString(id).getBytes(StandardCharsets.UTF_8),
                ("{\"id\": " + id + ", \"device_name\": \"" + name + "\", \"serial_number\": \"" + serial + "\", \"device_type\": \"" + type
                        + "\", \"firmware_version\": \"1.2.3\"}").getBytes(StandardCharsets.UTF_8));
    }
}
