package io.insiders.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import io.insiders.stream.frames.FrameHistory;
import io.insiders.stream.intake.DeadLetters;
import io.insiders.stream.intake.Rejection;
import io.insiders.stream.latest.LatestTimestamps;
import io.insiders.stream.ranges.ActivityRanges;
import io.insiders.stream.ranges.Range;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline on a real KRaft broker in this JVM, with exactly-once processing: the example match
 * and a second device published as JSON (single frames, an array from a gateway, an array from the
 * device, frames out of order) and one Avro frame, plus bad records. The answers are read twice and
 * must agree: through interactive queries on the stores, and from the public topics by a plain
 * consumer that knows only the documented schemas (the {@code .avsc} files) and reads committed
 * records. Then the application is restarted on its state directory, and on an empty one (the
 * stores restored from their changelogs), and must give the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIntegrationTest {

    private static final int PARTITIONS = 3;
    private static final String APPLICATION_ID = "insiders-pipeline-it";
    private static final String DEVICE = PipelineDriver.DEVICE;
    private static final String OTHER = "864475041000013";
    private static final long OTHER_ID = 13;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path AVRO = Path.of("..", "schemas", "src", "main", "avro");
    private static final Instant LAST = Instant.parse("2021-05-29T16:19:03.900Z");
    private static final Instant MARKER = LAST.plusMillis(100);
    private static final RangeView FIRST_RANGE =
            RangeView.of(DEVICE, Instant.parse("2021-05-29T16:12:00Z"), Instant.parse("2021-05-29T16:12:01.900Z"), 20);
    private static final List<RangeView> EXAMPLE_RANGES =
            List.of(FIRST_RANGE, RangeView.of(DEVICE, Instant.parse("2021-05-29T16:19:02Z"), LAST, 21));
    /** After the marker frame, 100 ms after the example's last. */
    private static final List<RangeView> RANGES_WITH_MARKER =
            List.of(FIRST_RANGE, RangeView.of(DEVICE, Instant.parse("2021-05-29T16:19:02Z"), MARKER, 22));
    private static final List<RangeView> OTHER_RANGES = List.of(
            RangeView.of(OTHER, Instant.parse("2021-05-28T16:12:00Z"), Instant.parse("2021-05-28T16:12:01.900Z"), 20),
            RangeView.of(OTHER, Instant.parse("2021-05-28T16:19:02Z"), Instant.parse("2021-05-28T16:19:03.900Z"), 21));

    private final Path work = Path.of("target", "pipeline-it");
    private KafkaClusterTestKit cluster;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaStreams streams;
    private BinaryMessageDecoder<GenericRecord> enrichedDecoder;
    private BinaryMessageDecoder<GenericRecord> rangeDecoder;
    private final List<GenericRecord> enriched = new ArrayList<>();
    private final ActivityRangeFold topicRanges = new ActivityRangeFold();
    private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private int stateDirs;

    private List<Map<String, Object>> deviceFrames;
    private List<Map<String, Object>> otherFrames;

    @BeforeAll
    void startBrokerAndPublish() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(work.resolve("kraft").toAbsolutePath()).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();

        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        // The example's frames are from 2021, and the broker deletes records older than a topic's
        // retention by their timestamps (the frame times): every topic keeps its records for ever here.
        Map<String, String> forever = Map.of("retention.ms", "-1");
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : List.of(Topics.FRAMES_RAW, Topics.FRAMES_JSON, Topics.FRAMES_REKEYED, Topics.FRAMES_ENRICHED,
                Topics.ACTIVITY_RANGES)) {
            topics.add(new NewTopic(topic, PARTITIONS, (short) 1).configs(forever));
        }
        topics.add(new NewTopic(Topics.FRAMES_DEAD_LETTER, 1, (short) 1).configs(forever));
        topics.add(new NewTopic(Topics.DEVICES_PROVISIONING, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(Topics.FIELDS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        admin.createTopics(topics).all().get();

        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());

        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.FRAMES_ENRICHED, Topics.ACTIVITY_RANGES, Topics.FRAMES_DEAD_LETTER)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);

        enrichedDecoder = decoder("EnrichedFrame.avsc");
        rangeDecoder = decoder("ActivityRange.avsc");

        deviceFrames = PipelineDriver.exampleFrames(DEVICE);
        otherFrames = new ArrayList<>();
        for (Map<String, Object> frame : PipelineDriver.exampleFrames(OTHER)) {
            Map<String, Object> dayBefore = new LinkedHashMap<>(frame);
            dayBefore.put("timestamp", ((Number) frame.get("timestamp")).longValue() - Duration.ofDays(1).toMillis());
            dayBefore.put("gnss.timestamp", dayBefore.get("timestamp"));
            otherFrames.add(dayBefore);
        }
        publishEverything();
        streams = startStreams(freshStateDir());
    }

    private void publishEverything() throws Exception {
        send(Topics.DEVICES_PROVISIONING, "12", device(PipelineDriver.DEVICE_ID, DEVICE));
        send(Topics.DEVICES_PROVISIONING, Long.toString(OTHER_ID), device(OTHER_ID, OTHER));

        // The example: the second range first (so older frames come after newer ones), frame 5 as
        // Avro, frames 10-12 as one array from a gateway, the others one by one.
        List<Integer> order = new ArrayList<>();
        for (int i = 20; i < deviceFrames.size(); i++) {
            order.add(i);
        }
        for (int i = 0; i < 20; i++) {
            order.add(i);
        }
        for (int i : order) {
            Map<String, Object> frame = deviceFrames.get(i);
            if (i == 5) {
                send(Topics.FRAMES_RAW, DEVICE, Serdes.frame().encode(avro(frame)));
            } else if (i == 10) {
                send(Topics.FRAMES_JSON, "gateway-1", JSON.writeValueAsBytes(deviceFrames.subList(10, 13)));
            } else if (i != 11 && i != 12) {
                send(Topics.FRAMES_JSON, DEVICE, JSON.writeValueAsBytes(frame));
            }
        }
        // The other device: its whole upload as one array under its own name.
        send(Topics.FRAMES_JSON, OTHER, JSON.writeValueAsBytes(otherFrames));
        // Two bad records.
        send(Topics.FRAMES_JSON, DEVICE, "{\"device_name\": ".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> stranger = new LinkedHashMap<>(deviceFrames.get(0));
        stranger.put("device_name", "000000000000000");
        send(Topics.FRAMES_JSON, "000000000000000", JSON.writeValueAsBytes(stranger));
        producer.flush();
    }

    @Test
    @Order(1)
    void theStoresAndTheTopicsGiveTheSameAnswers() throws IOException {
        awaitTopics(deviceFrames.size() + otherFrames.size());

        assertAnswers(EXAMPLE_RANGES, LAST);
        assertThat(deadLetters).extracting(r -> header(r, DeadLetters.REASON))
                .containsExactlyInAnyOrder(Rejection.Reason.UNREADABLE.name(), Rejection.Reason.UNKNOWN_DEVICE.name());
        assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.FRAMES_JSON));
    }

    @Test
    @Order(2)
    void aRestartOnTheSameStateGivesTheSameAnswersAndRepeatsPublishNothing() throws Exception {
        awaitTopics(deviceFrames.size() + otherFrames.size());
        streams.close(Duration.ofSeconds(30));
        streams = startStreams(currentStateDir());

        // The whole example again, then one new frame of the same device on the same partition: when
        // the new frame is out, the repeats before it have been processed.
        for (Map<String, Object> frame : deviceFrames) {
            send(Topics.FRAMES_JSON, DEVICE, JSON.writeValueAsBytes(frame));
        }
        Map<String, Object> marker = new LinkedHashMap<>(deviceFrames.get(deviceFrames.size() - 1));
        marker.put("timestamp", MARKER.toEpochMilli());
        send(Topics.FRAMES_JSON, DEVICE, JSON.writeValueAsBytes(marker));
        producer.flush();

        awaitTopics(deviceFrames.size() + otherFrames.size() + 1);
        assertAnswers(RANGES_WITH_MARKER, MARKER);
    }

    @Test
    @Order(3)
    void aRestartOnAnEmptyStateDirectoryRestoresTheStoresFromTheChangelogs() throws IOException {
        streams.close(Duration.ofSeconds(30));
        streams = startStreams(freshStateDir());

        assertAnswers(RANGES_WITH_MARKER, MARKER);
        awaitTopics(deviceFrames.size() + otherFrames.size() + 1);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (streams != null) {
                streams.close(Duration.ofSeconds(30));
            }
            for (AutoCloseable client : new AutoCloseable[] {consumer, producer, admin}) {
                if (client != null) {
                    client.close();
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            deleteRecursively(work);
        }
    }

    // ---- the answers

    /**
     * The stores (interactive queries) hold the expected ranges and latest timestamps, and agree with
     * the public topics as a consumer reads them: the ranges rebuilt from the range topic are the
     * stored ones, and every enriched frame published is stored, identical.
     */
    private void assertAnswers(List<RangeView> deviceRanges, Instant deviceLatest) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(storedRanges(DEVICE)).isEqualTo(deviceRanges);
            assertThat(storedRanges(OTHER)).isEqualTo(OTHER_RANGES);
            assertThat(storedFrames()).hasSize(distinctEnriched().size());
        });
        List<RangeView> stored = new ArrayList<>(deviceRanges);
        stored.addAll(OTHER_RANGES);
        // The changes of in-order frames are published once a second: the topic may be a moment behind the stores.
        await().atMost(WAIT).untilAsserted(() -> {
            poll();
            assertThat(topicRanges.ranges()).as("ranges rebuilt from the topic").isEqualTo(stored);
        });

        Map<String, EnrichedFrame> frames = storedFrames();
        Map<String, GenericRecord> published = distinctEnriched();
        assertThat(frames.keySet()).isEqualTo(published.keySet());
        published.forEach((key, record) -> assertThat(record.toString()).as(key).isEqualTo(frames.get(key).toString()));
        assertThat(published.values()).allSatisfy(record -> assertThat(record.get("device_id"))
                .isEqualTo(record.get("device_name").toString().equals(DEVICE) ? PipelineDriver.DEVICE_ID : OTHER_ID));

        assertThat(latest(DEVICE)).isEqualTo(deviceLatest.toEpochMilli());
        assertThat(latest(OTHER)).isEqualTo(LAST.minus(Duration.ofDays(1)).toEpochMilli());
    }

    private List<RangeView> storedRanges(String device) {
        ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(ActivityRanges.STORE,
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
        List<RangeView> ranges = new ArrayList<>();
        for (Range range : ActivityRanges.all(store, device)) {
            ranges.add(new RangeView(device, range.start(), range.stop(), range.size()));
        }
        return ranges;
    }

    /** Every stored frame of both devices by "device@time". */
    private Map<String, EnrichedFrame> storedFrames() {
        ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(FrameHistory.STORE,
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
        Map<String, EnrichedFrame> frames = new TreeMap<>();
        for (String device : List.of(DEVICE, OTHER)) {
            for (EnrichedFrame frame : FrameHistory.between(store, device, 0, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                frames.put(device + "@" + frame.getTimestamp(), frame);
            }
        }
        return frames;
    }

    private Long latest(String device) {
        ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(LatestTimestamps.STORE,
                QueryableStoreTypes.keyValueStore()));
        return LatestTimestamps.read(store, device);
    }

    /** The last published version of each enriched frame, by "device@time". */
    private Map<String, GenericRecord> distinctEnriched() {
        Map<String, GenericRecord> frames = new TreeMap<>();
        for (GenericRecord record : enriched) {
            frames.put(record.get("device_name") + "@" + record.get("timestamp"), record);
        }
        return frames;
    }

    // ---- the topics, as a consumer with only the documented schemas reads them

    private void awaitTopics(int enrichedCount) throws IOException {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            poll();
            assertThat(enriched).hasSizeGreaterThanOrEqualTo(enrichedCount);
            assertThat(deadLetters).hasSizeGreaterThanOrEqualTo(2);
        });
        poll();
        assertThat(enriched).as("exactly once: no frame published twice").hasSize(enrichedCount);
        assertThat(deadLetters).hasSize(2);
    }

    private void poll() throws IOException {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            switch (record.topic()) {
                case Topics.FRAMES_ENRICHED -> {
                    GenericRecord frame = enrichedDecoder.decode(record.value());
                    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(frame.get("device_name").toString());
                    enriched.add(frame);
                }
                case Topics.ACTIVITY_RANGES -> {
                    GenericRecord range = rangeDecoder.decode(record.value());
                    topicRanges.apply(range.get("device_name").toString(), (Long) range.get("start"), (Long) range.get("stop"),
                            (Long) range.get("size"), (Boolean) range.get("retracted"));
                }
                case Topics.FRAMES_DEAD_LETTER -> deadLetters.add(record);
                default -> throw new IllegalStateException("unexpected topic " + record.topic());
            }
        }
    }

    private static BinaryMessageDecoder<GenericRecord> decoder(String file) throws IOException {
        Schema schema = new Schema.Parser().parse(AVRO.resolve(file).toFile());
        return new BinaryMessageDecoder<>(GenericData.get(), schema);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    // ---- the application

    private KafkaStreams startStreams(Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        PipelineSettings settings = PipelineSettings.defaults().withClock(PipelineDriver.NOW::toEpochMilli);
        KafkaStreams started = new KafkaStreams(InsidersTopology.build(settings), config);
        started.start();
        await().atMost(WAIT).until(() -> started.state() == KafkaStreams.State.RUNNING);
        return started;
    }

    private Path freshStateDir() {
        stateDirs++;
        return currentStateDir();
    }

    private Path currentStateDir() {
        return work.resolve("state-" + stateDirs);
    }

    // ---- input

    private void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static byte[] device(long id, String name) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", id);
        record.put("device_name", name);
        record.put("serial_number", "a8e035ee-66be-4c90-a82a-437ada22a8dd");
        record.put("device_type", "Model X 2000 Series");
        record.put("firmware_version", "1.2.3");
        return JSON.writeValueAsBytes(record);
    }

    private static Frame avro(Map<String, Object> frame) {
        return Frame.newBuilder()
                .setDeviceName((String) frame.get("device_name"))
                .setTimestamp(((Number) frame.get("timestamp")).longValue())
                .setLatitude(((Number) frame.get("gnss.latitude")).doubleValue())
                .setLongitude(((Number) frame.get("gnss.longitude")).doubleValue())
                .setAltitude(((Number) frame.get("gnss.altitude")).doubleValue())
                .setSpeed(((Number) frame.get("gnss.speed")).doubleValue())
                .setGnssTimestamp(((Number) frame.get("gnss.timestamp")).longValue())
                .setHeartRate(null)
                .build();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
