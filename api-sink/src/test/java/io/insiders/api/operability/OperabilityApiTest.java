package io.insiders.api.operability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What an operator sees on {@code /actuator/prometheus} and {@code /actuator/health}: frames in, dead
 * letters, consumer lag, the API's latency per endpoint, and the upload jobs' outcomes, each with the
 * figure the test caused. A broker of its own, so that no other test's frames are counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperabilityApiTest {

    private static final String DEVICE = "864475041000061";
    private static final long DEVICE_ID = 61;
    private static final int GOOD = 7;
    private static final int BAD = 3;
    private static final KafkaClusterTestKit CLUSTER = TestKafka.startClusterForApplication();

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("insiders-operability-");
        registry.add("insiders.kafka.bootstrap-servers", CLUSTER::bootstrapServers);
        registry.add("insiders.kafka.data-dir", data::toString);
        registry.add("insiders.kafka.partitions", () -> "3");
        registry.add("insiders.streams.application-id", () -> "operability-" + UUID.randomUUID());
        // The example ASI file was recorded in 2021.
        registry.add("insiders.streams.retention", () -> "3650d");
    }

    @Test
    void prometheusCountsFramesDeadLettersLagLatencyAndJobOutcomes() throws Exception {
        ApiClient anonymous = new ApiClient(port);
        TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
        ApiClient api = new ApiClient(port).withBasic(manager.username(), manager.password());
        long now = Instant.now().toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DEVICES_PROVISIONING, utf8(Long.toString(DEVICE_ID)),
                    utf8("{\"id\": " + DEVICE_ID + ", \"device_name\": \"" + DEVICE + "\", \"serial_number\": \"sn-61\"}"))).get();
        }
        // His since before the frames below, so that he reads them and may upload.
        TestOwnership.grantSince(context, DEVICE_ID, manager.id(), now - 3_600_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(latestPath()).statusCode() == 400);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < GOOD; i++) {
                producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, utf8(DEVICE), utf8("{\"device_name\": \"" + DEVICE
                        + "\", \"timestamp\": " + (now - 60_000 + i * 100) + ", \"gnss.latitude\": 48.8, \"gnss.longitude\": 2.25}")));
            }
            producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, utf8(DEVICE), utf8("{not json")));
            producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, utf8(DEVICE), utf8("{\"device_name\": \"" + DEVICE
                    + "\", \"timestamp\": " + now + ", \"gnss.latitude\": 91}")));
            producer.send(new ProducerRecord<>(Topics.FRAMES_RAW, utf8(DEVICE), new byte[] {1, 2, 3}));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(latestPath()).statusCode() == 200);
        byte[] example = example();
        assertThat(state(api.postJson("/api/v1/devices/" + DEVICE_ID + "/asi/", body(example)))).isEqualTo("SUCCESS");
        byte[] broken = Arrays.copyOf(example, 40);
        broken[19] = 0x7F; // packet 1 claims 127 fields: the table runs past the file
        assertThat(state(api.postJson("/api/v1/devices/" + DEVICE_ID + "/asi/", body(broken)))).isEqualTo("FAILURE");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String metrics = anonymous.get("/actuator/prometheus").body();
            assertThat(value(metrics, "insiders_frames_in_total", "topic=\"" + Topics.FRAMES_JSON + "\"")).isEqualTo(GOOD + 2);
            // The broken bytes on the Avro topic, and the example file's 41 frames that the upload put there.
            assertThat(value(metrics, "insiders_frames_in_total", "topic=\"" + Topics.FRAMES_RAW + "\"")).isEqualTo(1 + 41);
            assertThat(value(metrics, "insiders_dead_letters_total", "")).isEqualTo(BAD);
            assertThat(value(metrics, "insiders_consumer_lag_records", "topic=\"" + Topics.FRAMES_JSON + "\"")).isZero();
            assertThat(value(metrics, "insiders_upload_jobs", "state=\"SUCCESS\"")).isEqualTo(1);
            assertThat(value(metrics, "insiders_upload_jobs", "state=\"FAILURE\"")).isEqualTo(1);
            assertThat(value(metrics, "insiders_upload_jobs", "state=\"PENDING\"")).isZero();
            // Latency per endpoint: the path's template, with buckets for quantiles.
            String latest = "uri=\"/api/v1/devices/{device}/preprocessed-data/latest-timestamp/\"";
            assertThat(value(metrics, "http_server_requests_seconds_count", latest)).isGreaterThanOrEqualTo(2);
            assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*" + Pattern.quote(latest));
            // Spring Security's observations are off (a meter per filter event; docs/benchmarks.md, change 21): none of its timers.
            assertThat(metrics).doesNotContain("spring_security_");
            // Kafka Streams' own metrics are there too.
            assertThat(metrics).contains("kafka_stream_thread_process_total");
        });
    }

    @Test
    void healthSaysTheStoresAnswer() {
        HttpResponse<String> health = new ApiClient(port).awaitStatus("/actuator/health", 200);
        JsonNode streams = ApiClient.json(health).get("components").get("streams");
        assertThat(streams.get("status").asString()).isEqualTo("UP");
        assertThat(streams.get("details").get("state").asString()).isEqualTo("RUNNING");
        assertThat(streams.get("details").has("devicesEstimated")).isTrue();
    }

    private static String latestPath() {
        return "/api/v1/devices/" + DEVICE_ID + "/preprocessed-data/latest-timestamp/";
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}; fails if there is none. */
    static double value(String metrics, String name, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{.*\\})? (\\S+)$").matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(label)) {
                sum += Double.parseDouble(matcher.group(2));
                found = true;
            }
        }
        if (found) {
            return sum;
        }
        throw new AssertionError("no sample of " + name + " with " + label + " in: "
                + metrics.lines().filter(line -> line.startsWith(name)).toList());
    }

    private static String state(HttpResponse<String> upload) {
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        return ApiClient.json(upload).get("state").asString();
    }

    private static String body(byte[] file) {
        return "{\"asi_b64\": \"" + Base64.getEncoder().encodeToString(file) + "\"}";
    }

    private static byte[] example() throws IOException {
        try (InputStream in = OperabilityApiTest.class.getResourceAsStream("/asi/match-short.asi")) {
            return in.readAllBytes();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
