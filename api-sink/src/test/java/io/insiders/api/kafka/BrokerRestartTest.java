package io.insiders.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.api.ApiClient;
import io.insiders.api.InsidersApplication;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestOwnership;
import io.insiders.api.TestPorts;
import io.insiders.api.streams.StreamsRuntime;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The broker goes away and comes back while the application runs: the application is not restarted,
 * its stores keep answering meanwhile, and afterwards it takes frames, uploads and registrations again,
 * with every frame in the stores and on the enriched topic exactly once. Once with a broker of the test
 * (in this JVM, its own log and port, as a cluster's broker would be), once with the application's own
 * embedded broker.
 */
class BrokerRestartTest {

    private static final String DEVICE = "864475041000051";
    private static final long DEVICE_ID = 51;
    private static final String ASI_DEVICE = "864475041000052";
    private static final long ASI_DEVICE_ID = 52;
    private static final int FRAMES_PER_BATCH = 40;
    /** Frames of the example ASI file that the upload keeps (its details say so). */
    private static final int ASI_FRAMES = 41;
    private static final Duration AWAY = Duration.ofSeconds(8);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final long base = Instant.now().minusSeconds(1800).toEpochMilli();
    private final AtomicLong queries = new AtomicLong();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void theApplicationResumesWhenItsClusterBrokerComesBack() throws Exception {
        Path brokerData = Files.createTempDirectory("insiders-broker-");
        int brokerPort = TestPorts.freePorts(2);
        EmbeddedBroker[] broker = {EmbeddedBroker.start(brokerData, brokerPort, brokerPort + 1, brokerConfig())};
        started.add(() -> broker[0].close());
        ConfigurableApplicationContext app = start("--insiders.kafka.bootstrap-servers=" + broker[0].bootstrapServers());

        resumesAfter(app, broker[0].bootstrapServers(), () -> broker[0].restart(AWAY));
    }

    @Test
    void theApplicationResumesWhenItsEmbeddedBrokerComesBack() throws Exception {
        int brokerPort = TestPorts.freePorts(2);
        ConfigurableApplicationContext app = start("--insiders.kafka.embedded-port=" + brokerPort);
        EmbeddedBroker broker = app.getBean(KafkaCluster.class).embeddedBroker().orElseThrow();

        resumesAfter(app, broker.bootstrapServers(), () -> broker.restart(AWAY));
    }

    /** What each test checks around a broker's restart. */
    private void resumesAfter(ConfigurableApplicationContext app, String bootstrap, Restart restart) throws Exception {
        int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
        ApiClient anonymous = new ApiClient(port);
        TestAccounts.Credentials manager = TestAccounts.register(app, anonymous);
        ApiClient api = anonymous.withBasic(manager.username(), manager.password());
        // His since before the frames, so that he reads them; the other device his now, so that he may upload.
        TestOwnership.grantSince(app, DEVICE_ID, manager.id(), base - 3_600_000);
        TestOwnership.grantSince(app, ASI_DEVICE_ID, manager.id(), System.currentTimeMillis() - 60_000);
        KafkaStreams streams = app.getBean(StreamsRuntime.class).streams();
        send(bootstrap, Topics.DEVICES_PROVISIONING, Long.toString(DEVICE_ID), device(DEVICE_ID, DEVICE));
        send(bootstrap, Topics.DEVICES_PROVISIONING, Long.toString(ASI_DEVICE_ID), device(ASI_DEVICE_ID, ASI_DEVICE));
        publish(bootstrap, 0);
        awaitCount(api, FRAMES_PER_BATCH);

        restart.run();
        // While the broker was away the stores kept answering: they are local. Now the application takes new work.
        assertThat(api.get(dataPath()).statusCode()).isEqualTo(200);
        publish(bootstrap, FRAMES_PER_BATCH);
        awaitCount(api, 2 * FRAMES_PER_BATCH);
        // Registrations go through the accounts processor, uploads through the job processor: both came back too.
        ApiClient another = TestAccounts.authenticated(app, anonymous);
        assertThat(another.get("/api/v1/me/").statusCode()).isEqualTo(200);
        HttpResponse<String> upload = api.postJson("/api/v1/devices/" + ASI_DEVICE_ID + "/asi/?wait=120", asiBody());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        JsonNode job = ApiClient.json(upload);
        assertThat(job.get("state").asString()).as(upload.body()).isEqualTo("SUCCESS");
        assertThat(job.get("details").get("frames").asInt()).isEqualTo(ASI_FRAMES);

        // The same application, never restarted, running; every frame on the enriched topic once.
        assertThat(app.isActive()).isTrue();
        assertThat(app.getBean(StreamsRuntime.class).streams()).isSameAs(streams);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        Map<String, Map<Long, Integer>> enriched = enrichedTimes(bootstrap, 2 * FRAMES_PER_BATCH + ASI_FRAMES);
        assertThat(enriched.get(DEVICE)).hasSize(2 * FRAMES_PER_BATCH).allSatisfy((time, copies) -> assertThat(copies).isOne());
        assertThat(enriched.get(ASI_DEVICE)).hasSize(ASI_FRAMES).allSatisfy((time, copies) -> assertThat(copies).isOne());
        HttpResponse<String> health = anonymous.awaitStatus("/actuator/health", 200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    /** The broker's stop and return. */
    private interface Restart {
        void run() throws Exception;
    }

    private ConfigurableApplicationContext start(String... args) throws IOException {
        Path data = Files.createTempDirectory("insiders-restart-");
        int port = TestPorts.freePort();
        List<String> all = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--insiders.streams.advertised-url=http://localhost:" + port,
                "--insiders.kafka.data-dir=" + data,
                "--insiders.kafka.partitions=3",
                "--insiders.streams.application-id=restart-test-" + UUID.randomUUID(),
                // The example ASI file was recorded in 2021.
                "--insiders.streams.retention=3650d",
                "--insiders.throttling.enabled=false",
                "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(InsidersApplication.class).run(all.toArray(String[]::new));
        started.add(context::close);
        new ApiClient(port).awaitStatus("/actuator/health", 200);
        return context;
    }

    private void publish(String bootstrap, int first) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = first; i < first + FRAMES_PER_BATCH; i++) {
                long time = base + i * 100L;
                producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, utf8(DEVICE), utf8("{\"device_name\": \"" + DEVICE
                        + "\", \"timestamp\": " + time + ", \"gnss.latitude\": 48.8412, \"gnss.longitude\": 2.253, \"ecg.hr\": 120}")));
            }
        }
    }

    private void awaitCount(ApiClient api, int frames) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> page = api.get(dataPath());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(ApiClient.json(page).get("count").asInt()).isEqualTo(frames);
        });
    }

    /** A listing of the device's frames; each call a new interval, as a listing's count stays that of its snapshot for a while. */
    private String dataPath() {
        long stop = base + 3_600_000 + queries.incrementAndGet();
        return "/api/v1/devices/" + DEVICE_ID + "/preprocessed-data/?start=" + (base - 1000) + "&stop=" + stop + "&limit=1";
    }

    /** The enriched topic read to its end (committed records only), as times per device with their number of copies. */
    private static Map<String, Map<Long, Integer>> enrichedTimes(String bootstrap, int atLeast) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test-reader-" + UUID.randomUUID());
        Map<String, Map<Long, Integer>> times = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FRAMES_ENRICHED));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int read = 0;
            int idlePolls = 0;
            // Until every expected frame is in and a few polls more bring nothing: a duplicate would show up then.
            while (System.nanoTime() < deadline && (read < atLeast || idlePolls < 3)) {
                int before = read;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String device = new String(record.key(), StandardCharsets.UTF_8);
                    times.computeIfAbsent(device, d -> new HashMap<>()).merge(record.timestamp(), 1, Integer::sum);
                    read++;
                }
                idlePolls = read == before ? idlePolls + 1 : 0;
            }
        }
        return times;
    }

    private static Map<String, String> brokerConfig() {
        return Map.of("message.max.bytes", Integer.toString(KafkaConfiguration.MAX_MESSAGE_BYTES),
                "log.message.timestamp.after.max.ms", KafkaConfiguration.TIMESTAMPS_AHEAD);
    }

    private static void send(String bootstrap, String topic, String key, String value) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, utf8(key), utf8(value)));
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String device(long id, String name) {
        return "{\"id\": " + id + ", \"device_name\": \"" + name + "\", \"serial_number\": \"sn-" + id + "\"}";
    }

    private static String asiBody() {
        try (InputStream in = BrokerRestartTest.class.getResourceAsStream("/asi/match-short.asi")) {
            return "{\"asi_b64\": \"" + Base64.getEncoder().encodeToString(in.readAllBytes()) + "\"}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
