package io.insiders.api.preprocessed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.schemas.IsoTimes;
import io.insiders.schemas.Topics;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.frames.FrameCounts;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The preprocessed-data endpoints over HTTP, against the application on a real broker: every status,
 * body shape and format the API documents for the latest data, the activity ranges and the data list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreprocessedDataApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A whole minute five hours ago: the first frame of the main device. */
    private static final long B = FrameCounts.bucketOf(System.currentTimeMillis() - Duration.ofHours(5).toMillis());
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    private static final String MAIN = "864475041000041";
    private static final String EMPTY = "864475041000042";
    private static final String ON_FIELD = "864475041000043";
    private static final String MANY = "864475041000044";
    private static final String LIVE = "864475041000045";
    private static final int MANY_FRAMES = 25_010;

    private static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    private static final String INVALID_PAGE = "{\"detail\":\"Invalid page.\"}";

    /** The frames are sent once, by the first test to start. */
    private static boolean sent;

    /** The reading manager, registered through the API once for the class. */
    private static TestAccounts.Credentials manager;

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    private ApiClient api;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @BeforeAll
    static void provision() {
        provision(41, MAIN);
        provision(42, EMPTY);
        provision(43, ON_FIELD);
        provision(44, MANY);
        provision(45, LIVE);
        TestKafka.send(Topics.FIELDS, utf8("7"), utf8("{\"id\": 7, \"name\": \"Stade Jean-Bouin\", \"corners\": ["
                + "{\"latitude\": 48.84312, \"longitude\": 2.25281}, {\"latitude\": 48.84401, \"longitude\": 2.25379},"
                + "{\"latitude\": 48.84356, \"longitude\": 2.25478}, {\"latitude\": 48.84267, \"longitude\": 2.25380}]}"));
    }

    @BeforeEach
    void data() {
        if (manager == null) {
            manager = TestAccounts.register(context, new ApiClient(port));
            // He owns the devices since before their data, which goes back days.
            for (long id = 41; id <= 45; id++) {
                TestOwnership.grantSince(context, id, manager.id(), B - 3 * DAY);
            }
        }
        api = new ApiClient(port).withBasic(manager.username(), manager.password());
        if (sent) {
            return;
        }
        for (long id = 41; id <= 45; id++) {
            String path = "/api/v1/devices/" + id + "/preprocessed-data/latest/";
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.get(path).statusCode() == 200);
        }
        // The main device: a range of 31 frames (the last with a position only) and, 20 minutes later, one of 10.
        List<Map<String, Object>> main = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            main.add(PipelineDriver.frame(MAIN, B + i * 100L));
        }
        main.add(Map.of("device_name", MAIN, "timestamp", B + 5_900, "gnss.latitude", 48.8412, "gnss.longitude", 2.253));
        for (int i = 0; i < 10; i++) {
            main.add(PipelineDriver.frame(MAIN, B + 1_200_000 + i * 100L));
        }
        send(MAIN, main);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < MANY_FRAMES; i++) {
            many.add(PipelineDriver.frame(MANY, B + i * 100L));
        }
        send(MANY, many);
        List<Map<String, Object>> live = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            live.add(PipelineDriver.frame(LIVE, B + i * 100L));
        }
        send(LIVE, live);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ApiClient.json(api.get("/api/v1/devices/41/preprocessed-data/latest/?size=300")).size() == 41);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ApiClient.json(api.get("/api/v1/devices/45/preprocessed-data/latest/?size=300")).size() == 100);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rangesSize(44) == MANY_FRAMES);
        sent = true;
    }

    // ---- latest

    @Test
    void theLatestDataIsTheNewestFrameByDefaultAndSizeOfThemNewestFirst() {
        HttpResponse<String> one = api.get("/api/v1/devices/41/preprocessed-data/latest/");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).isEqualTo("[" + fullRow(B + 1_200_900) + "]");

        JsonNode three = ApiClient.json(api.get("/api/v1/devices/41/preprocessed-data/latest/?size=3"));
        assertThat(timestamps(three)).containsExactly(B + 1_200_900, B + 1_200_800, B + 1_200_700);
        assertThat(ApiClient.json(api.get("/api/v1/devices/41/preprocessed-data/latest/?size=2.0"))).hasSize(2);
        assertThat(ApiClient.json(api.get("/api/v1/devices/41/preprocessed-data/latest/?size=300"))).hasSize(41);
        assertThat(ApiClient.json(api.get("/api/v1/devices/41/preprocessed-data/latest/?size="))).hasSize(1);
    }

    @Test
    void theLatestSizeIsFromOneTo300() {
        assertBadRequest("/api/v1/devices/41/preprocessed-data/latest/?size=0",
                "{\"size\":[\"Ensure this value is greater than or equal to 1.\"]}");
        assertBadRequest("/api/v1/devices/41/preprocessed-data/latest/?size=301",
                "{\"size\":[\"Ensure this value is less than or equal to 300.\"]}");
        assertBadRequest("/api/v1/devices/41/preprocessed-data/latest/?size=ten", "{\"size\":[\"A valid integer is required.\"]}");
        assertBadRequest("/api/v1/devices/41/preprocessed-data/latest/?size=1.5", "{\"size\":[\"A valid integer is required.\"]}");
    }

    @Test
    void aDeviceWithoutDataHasNoLatestData() {
        HttpResponse<String> response = api.get("/api/v1/devices/42/preprocessed-data/latest/?size=5");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void aFrameOnAFieldHasItsPositionOnItAndOthersHaveNoFieldKeys() {
        long time = B + 30_000;
        Map<String, Object> onField = new LinkedHashMap<>(PipelineDriver.frame(ON_FIELD, time));
        onField.put("gnss.latitude", 48.84334);
        onField.put("gnss.longitude", 2.253795);
        // The field may reach the pipeline after the frame: the frame sent again is enriched again.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            send(ON_FIELD, List.of(onField));
            return api.get("/api/v1/devices/43/preprocessed-data/latest/").body().contains("\"field.id\":7");
        });

        JsonNode row = ApiClient.json(api.get("/api/v1/devices/43/preprocessed-data/latest/")).get(0);
        assertThat(row.propertyNames()).containsExactly("timestamp", "gnss.altitude", "gnss.latitude", "gnss.longitude",
                "gnss.speed", "gnss.timestamp", "ecg.hr", "field.id", "field.x", "field.y");
        assertThat(row.get("field.x").asDouble()).isBetween(0.0, 150.0);
        assertThat(row.get("field.y").asDouble()).isBetween(0.0, 150.0);
        JsonNode listed = ApiClient.json(api.get("/api/v1/devices/43/preprocessed-data/?start=" + time + "&stop=" + time));
        assertThat(listed.get("results").get(0).get("field.id").asLong()).isEqualTo(7);

        JsonNode offField = ApiClient.json(api.get("/api/v1/devices/41/preprocessed-data/latest/")).get(0);
        assertThat(offField.propertyNames()).containsExactly("timestamp", "gnss.altitude", "gnss.latitude", "gnss.longitude",
                "gnss.speed", "gnss.timestamp", "ecg.hr");
    }

    // ---- ranges

    @Test
    void rangesArePagedWithZuluTimesInMicrosecondsOnlyWhereNeeded() {
        HttpResponse<String> response = api.get(ranges(41, B - HOUR, B + HOUR));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"count\":2,\"page\":1,\"next\":null,\"previous\":null,\"results\":["
                + "{\"start\":\"" + zulu(B) + "\",\"stop\":\"" + zulu(B + 5_900) + "\",\"size\":31},"
                + "{\"start\":\"" + zulu(B + 1_200_000) + "\",\"stop\":\"" + zulu(B + 1_200_900) + "\",\"size\":10}]}");
        assertThat(zulu(B)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
        assertThat(zulu(B + 5_900)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:05\\.900000Z");
    }

    @Test
    void aRangeThatStartedBeforeTheIntervalAndReachesIntoItCountsWhole() {
        JsonNode page = ApiClient.json(api.get(ranges(41, B + 1_000, B + 2_000)));

        assertThat(page.get("count").asInt()).isEqualTo(1);
        assertThat(page.get("results").get(0).get("start").asString()).isEqualTo(zulu(B));
        assertThat(page.get("results").get(0).get("size").asInt()).isEqualTo(31);
        assertThat(ApiClient.json(api.get(ranges(41, B + 6_000, B + 1_199_999))).get("count").asInt()).isZero();
    }

    @Test
    void rangesPageByLimitAndAPagePastTheEndIsNotFound() {
        JsonNode first = ApiClient.json(api.get(ranges(41, B - HOUR, B + HOUR) + "&limit=1"));
        assertThat(first.get("count").asInt()).isEqualTo(2);
        assertThat(first.get("next").asInt()).isEqualTo(2);
        assertThat(first.get("previous").isNull()).isTrue();
        JsonNode second = ApiClient.json(api.get(ranges(41, B - HOUR, B + HOUR) + "&limit=1&page=2"));
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(second.get("previous").asInt()).isEqualTo(1);
        assertThat(second.get("results").get(0).get("start").asString()).isEqualTo(zulu(B + 1_200_000));

        assertNotFound(ranges(41, B - HOUR, B + HOUR) + "&limit=1&page=3", INVALID_PAGE);
        assertNotFound(ranges(41, B - HOUR, B + HOUR) + "&page=0", INVALID_PAGE);
        assertNotFound(ranges(41, B - HOUR, B + HOUR) + "&page=two", INVALID_PAGE);
        assertThat(ApiClient.json(api.get(ranges(41, B - HOUR, B + HOUR) + "&limit=999999")).get("results")).hasSize(2);
    }

    @Test
    void rangesCoverAtMostFourteenDays() {
        assertThat(api.get(ranges(41, B + HOUR - 14 * DAY, B + HOUR)).statusCode()).isEqualTo(200);
        assertBadRequest(ranges(41, B + HOUR - 14 * DAY - 1, B + HOUR),
                "{\"non_field_errors\":[\"Interval between start and stop cannot exceed 14 days.\"]}");
    }

    // ---- start and stop

    @Test
    void startAndStopAreReadInEveryDocumentedForm() {
        String expected = api.get(ranges(41, B - HOUR, B + HOUR)).body();
        String base = "/api/v1/devices/41/preprocessed-data/ranges/?";
        LocalDateTime from = LocalDateTime.ofInstant(Instant.ofEpochMilli(B - HOUR), ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofInstant(Instant.ofEpochMilli(B + HOUR), ZoneOffset.UTC);
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
        List<String> queries = List.of(
                "start=" + iso.format(from) + "Z&stop=" + iso.format(to) + "Z",
                "start=" + iso.format(from) + "%2B0000&stop=" + iso.format(to) + "%2B00:00",
                // A + sent unencoded arrives as a space.
                "start=" + iso.format(from) + "+0000&stop=" + iso.format(to) + "+00:00",
                "start=" + iso.format(from.plusHours(1)) + "%2B0100&stop=" + iso.format(to.minusHours(5)) + "-0500",
                "start=" + iso.format(from) + ".000000Z&stop=" + iso.format(to) + ",0Z",
                "start=" + (B - HOUR) + "&stop=" + iso.format(to),
                "start_iso=" + iso.format(from) + "%2B0000&stop_iso=" + iso.format(to) + "%2B0000",
                "start=" + (B - HOUR) + "&start_iso=garbage&stop_iso=" + (B + HOUR));
        for (String query : queries) {
            HttpResponse<String> response = api.get(base + query);
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            assertThat(response.body()).as(query).isEqualTo(expected);
        }
    }

    @Test
    void startAndStopAreRequiredAndMustBeTimes() {
        String base = "/api/v1/devices/41/preprocessed-data/";
        assertBadRequest(base + "?stop=" + B, "{\"start\":[\"This field is required.\"]}");
        assertBadRequest(base + "ranges/?start=" + B, "{\"stop\":[\"This field is required.\"]}");
        assertBadRequest(base, "{\"start\":[\"This field is required.\"],\"stop\":[\"This field is required.\"]}");
        String wrongFormat = "[\"" + QueryTimes.INVALID + "\"]";
        assertBadRequest(base + "?start=yesterday&stop=" + B, "{\"start\":" + wrongFormat + "}");
        assertBadRequest(base + "ranges/?start=" + B + "&stop=2021-13-01T00:00:00Z", "{\"stop\":" + wrongFormat + "}");
        assertBadRequest(base + "?start_iso=soon&stop=" + B, "{\"start_iso\":" + wrongFormat + "}");
        assertBadRequest(base + "?start=" + (B + 1) + "&stop=" + B, "{\"non_field_errors\":[\"stop must not be before start.\"]}");
        assertBadRequest(base + "ranges/?start=" + (B + 1) + "&stop=" + B, "{\"non_field_errors\":[\"stop must not be before start.\"]}");
    }

    // ---- the data list

    @Test
    void theDataListHoldsTheIntervalsFramesInTimeOrderWithNullsWhereAFrameLacksAValue() {
        HttpResponse<String> response = api.get(data(41, B - HOUR, B + HOUR));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = ApiClient.json(response);
        assertThat(page.propertyNames()).containsExactly("count", "page", "next", "previous", "results");
        assertThat(page.get("count").asInt()).isEqualTo(41);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add(B + i * 100L);
        }
        expected.add(B + 5_900);
        for (int i = 0; i < 10; i++) {
            expected.add(B + 1_200_000 + i * 100L);
        }
        assertThat(timestamps(page.get("results"))).isEqualTo(expected);

        assertThat(api.get(data(41, B + 5_900, B + 5_900)).body()).isEqualTo("{\"count\":1,\"page\":1,\"next\":null,\"previous\":null,"
                + "\"results\":[{\"timestamp\":" + (B + 5_900) + ",\"gnss.altitude\":null,\"gnss.latitude\":48.8412,"
                + "\"gnss.longitude\":2.253,\"gnss.speed\":null,\"gnss.timestamp\":null,\"ecg.hr\":null}]}");
        assertThat(api.get(data(41, B, B)).body()).contains("\"results\":[" + fullRow(B) + "]");
    }

    @Test
    void theDataListIsPagedByLimitWithNeighboursAndLast() {
        JsonNode second = ApiClient.json(api.get(data(41, B - HOUR, B + HOUR) + "&limit=10&page=2"));
        assertThat(second.get("count").asInt()).isEqualTo(41);
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("next").asInt()).isEqualTo(3);
        assertThat(second.get("previous").asInt()).isEqualTo(1);
        assertThat(timestamps(second.get("results"))).first().isEqualTo(B + 1000);
        JsonNode last = ApiClient.json(api.get(data(41, B - HOUR, B + HOUR) + "&limit=10&page=last"));
        assertThat(last.get("page").asInt()).isEqualTo(5);
        assertThat(last.get("results")).hasSize(1);
        assertThat(last.get("next").isNull()).isTrue();

        assertNotFound(data(41, B - HOUR, B + HOUR) + "&limit=10&page=6", INVALID_PAGE);
        assertNotFound(data(41, B - HOUR, B + HOUR) + "&page=2", INVALID_PAGE);
        assertNotFound(data(41, B - HOUR, B + HOUR) + "&page=0", INVALID_PAGE);
        assertNotFound(data(41, B - HOUR, B + HOUR) + "&page=-1", INVALID_PAGE);
        assertNotFound(data(41, B - HOUR, B + HOUR) + "&page=1.0", INVALID_PAGE);
        assertNotFound(data(41, B - HOUR, B + HOUR) + "&page=", INVALID_PAGE);
    }

    @Test
    void anEmptyIntervalHasOneEmptyPage() {
        assertThat(api.get(data(41, B + 10_000, B + 20_000)).body())
                .isEqualTo("{\"count\":0,\"page\":1,\"next\":null,\"previous\":null,\"results\":[]}");
        assertNotFound(data(41, B + 10_000, B + 20_000) + "&page=2", INVALID_PAGE);
        assertThat(api.get(data(42, B - DAY, B + DAY)).body())
                .isEqualTo("{\"count\":0,\"page\":1,\"next\":null,\"previous\":null,\"results\":[]}");
    }

    @Test
    void theDataLimitIsTenThousandByDefaultAndAtMost25000() {
        JsonNode byDefault = ApiClient.json(api.get(data(44, B, B + HOUR)));
        assertThat(byDefault.get("count").asInt()).isEqualTo(MANY_FRAMES);
        assertThat(byDefault.get("results")).hasSize(10_000);
        assertThat(byDefault.get("next").asInt()).isEqualTo(2);

        JsonNode clamped = ApiClient.json(api.get(data(44, B, B + HOUR) + "&limit=30000"));
        assertThat(clamped.get("results")).hasSize(25_000);
        assertThat(clamped.get("next").asInt()).isEqualTo(2);
        JsonNode rest = ApiClient.json(api.get(data(44, B, B + HOUR) + "&limit=30000&page=2"));
        assertThat(rest.get("results")).hasSize(MANY_FRAMES - 25_000);
        assertThat(rest.get("results").get(0).get("timestamp").asLong()).isEqualTo(B + 25_000 * 100L);

        JsonNode ignored = ApiClient.json(api.get(data(44, B, B + HOUR) + "&limit=none"));
        assertThat(ignored.get("results")).hasSize(10_000);
    }

    @Test
    void theDataListCoversAtMostTwoDays() {
        assertThat(api.get(data(41, B + HOUR - 2 * DAY, B + HOUR)).statusCode()).isEqualTo(200);
        assertBadRequest(data(41, B + HOUR - 2 * DAY - 1, B + HOUR),
                "{\"non_field_errors\":[\"Interval between start and stop cannot exceed 2 days.\"]}");
    }

    @Test
    void everyPageOfAListingComesFromItsSnapshotWhileFramesArrive() {
        String listing = data(45, B - HOUR, B + HOUR) + "&limit=30";
        JsonNode first = ApiClient.json(api.get(listing));
        assertThat(first.get("count").asInt()).isEqualTo(100);

        // Late frames between the listed ones, and live ones after them, all within the listing's interval.
        List<Map<String, Object>> arriving = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            arriving.add(PipelineDriver.frame(LIVE, B + 50 + i * 500L));
            arriving.add(PipelineDriver.frame(LIVE, B + 20_000 + i * 100L));
        }
        send(LIVE, arriving);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ApiClient.json(api.get("/api/v1/devices/45/preprocessed-data/latest/?size=300")).size() == 140);
        assertThat(ApiClient.json(api.get(data(45, B - HOUR, B + HOUR + 1))).get("count").asInt())
                .as("another interval is another snapshot, which counts them").isEqualTo(140);

        List<Long> listed = new ArrayList<>(timestamps(first.get("results")));
        for (int page = 2; page <= 4; page++) {
            JsonNode next = ApiClient.json(api.get(listing + "&page=" + page));
            assertThat(next.get("count").asInt()).as("count of page %d", page).isEqualTo(100);
            listed.addAll(timestamps(next.get("results")));
        }
        assertNotFound(listing + "&page=5", INVALID_PAGE);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(B + i * 100L);
        }
        assertThat(listed).isEqualTo(expected);
    }

    // ---- paths and devices

    @Test
    void anUnknownDeviceIsNotFoundOnEveryEndpoint() {
        for (String device : List.of("999999", "not-a-number")) {
            assertNotFound("/api/v1/devices/" + device + "/preprocessed-data/latest/", NOT_FOUND);
            assertNotFound("/api/v1/devices/" + device + "/preprocessed-data/ranges/?start=" + B + "&stop=" + B, NOT_FOUND);
            assertNotFound("/api/v1/devices/" + device + "/preprocessed-data/?start=" + B + "&stop=" + B, NOT_FOUND);
        }
    }

    @Test
    void aPathWithoutItsTrailingSlashIsNotFound() {
        assertNotFound("/api/v1/devices/41/preprocessed-data/latest", NOT_FOUND);
        assertNotFound("/api/v1/devices/41/preprocessed-data/ranges?start=" + B + "&stop=" + B, NOT_FOUND);
        assertNotFound("/api/v1/devices/41/preprocessed-data?start=" + B + "&stop=" + B, NOT_FOUND);
    }

    // ---- helpers

    private static String ranges(long device, long start, long stop) {
        return "/api/v1/devices/" + device + "/preprocessed-data/ranges/?start=" + start + "&stop=" + stop;
    }

    private static String data(long device, long start, long stop) {
        return "/api/v1/devices/" + device + "/preprocessed-data/?start=" + start + "&stop=" + stop;
    }

    private int rangesSize(long device) {
        JsonNode page = ApiClient.json(api.get(ranges(device, B - HOUR, B + 2 * HOUR)));
        int size = 0;
        for (JsonNode range : page.get("results")) {
            size += range.get("size").asInt();
        }
        return size;
    }

    private void assertBadRequest(String path, String body) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body()).as(path).isEqualTo(body);
    }

    private void assertNotFound(String path, String body) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).as(path).isEqualTo(body);
    }

    private static String fullRow(long time) {
        return "{\"timestamp\":" + time + ",\"gnss.altitude\":35.0,\"gnss.latitude\":48.8412,\"gnss.longitude\":2.253,"
                + "\"gnss.speed\":1.83,\"gnss.timestamp\":" + time + ",\"ecg.hr\":121}";
    }

    private static List<Long> timestamps(JsonNode rows) {
        List<Long> times = new ArrayList<>();
        rows.forEach(row -> times.add(row.get("timestamp").asLong()));
        return times;
    }

    private static String zulu(long time) {
        return IsoTimes.zulu(time);
    }

    private static void send(String device, List<Map<String, Object>> frames) {
        for (int from = 0; from < frames.size(); from += 1000) {
            TestKafka.send(Topics.FRAMES_JSON, utf8(device),
                    JSON.writeValueAsBytes(frames.subList(from, Math.min(frames.size(), from + 1000))));
        }
    }

    private static void provision(long id, String name) {
        TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(id)),
                utf8("{\"id\": " + id + ", \"device_name\": \"" + name + "\", \"serial_number\": \"sn-" + id + "\"}"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
