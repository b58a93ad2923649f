package io.insiders.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.insiders.schemas.ActivityRange;
import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import io.insiders.stream.frames.FrameHistory;
import io.insiders.stream.latest.LatestTimestamps;
import io.insiders.stream.ranges.ActivityRanges;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import io.insiders.stream.ranges.Range;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole topology in a {@link TopologyTestDriver}, with a fixed wall clock, and the few moves
 * every pipeline test makes: provision devices and fields, publish JSON and Avro frames, read the
 * output topics and the stores.
 */
public final class PipelineDriver implements AutoCloseable {

    /** The fixed wall-clock time of the pipeline: the day after the example match, so its frames are recent. */
    public static final Instant NOW = Instant.parse("2021-05-30T00:00:00Z");
    /** A device provisioned by {@link #provisionDevice()}. */
    public static final String DEVICE = "864475041000000";
    public static final long DEVICE_ID = 12;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicReference<Instant> clock;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> jsonFrames;
    private final TestInputTopic<byte[], byte[]> rawFrames;
    private final TestInputTopic<byte[], byte[]> provisioning;
    private final TestInputTopic<byte[], byte[]> fields;
    private final TestOutputTopic<String, EnrichedFrame> enriched;
    private final TestOutputTopic<String, ActivityRange> ranges;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    /** The pipeline at {@link #NOW}. */
    public PipelineDriver() {
        this(NOW);
    }

    /** The pipeline with its wall clock stopped at {@code now}. */
    public PipelineDriver(Instant now) {
        this(now, 0);
    }

    /** The pipeline at {@code now}, told that the frame topics have {@code framePartitions} partitions. */
    public PipelineDriver(Instant now, int framePartitions) {
        this.clock = new AtomicReference<>(now);
        try {
            this.stateDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pipeline-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipeline-test-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        PipelineSettings settings = PipelineSettings.defaults().withClock(() -> clock.get().toEpochMilli())
                .withFramePartitions(() -> framePartitions);
        this.driver = new TopologyTestDriver(InsidersTopology.build(settings), config, now);
        ByteArraySerializer bytes = new ByteArraySerializer();
        this.jsonFrames = driver.createInputTopic(Topics.FRAMES_JSON, bytes, bytes);
        this.rawFrames = driver.createInputTopic(Topics.FRAMES_RAW, bytes, bytes);
        this.provisioning = driver.createInputTopic(Topics.DEVICES_PROVISIONING, bytes, bytes);
        this.fields = driver.createInputTopic(Topics.FIELDS, bytes, bytes);
        StringDeserializer strings = new StringDeserializer();
        this.enriched = driver.createOutputTopic(Topics.FRAMES_ENRICHED, strings, Serdes.enrichedFrame().deserializer());
        this.ranges = driver.createOutputTopic(Topics.ACTIVITY_RANGES, strings, Serdes.activityRange().deserializer());
        this.deadLetters = driver.createOutputTopic(Topics.FRAMES_DEAD_LETTER, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    public Instant now() {
        return clock.get();
    }

    /** Moves the pipeline's wall clock forward, running the punctuations that fall due. */
    public PipelineDriver advanceWallClock(Duration by) {
        clock.updateAndGet(now -> now.plus(by));
        driver.advanceWallClockTime(by);
        return this;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    // ---- input

    /** Provisions {@link #DEVICE} as {@link #DEVICE_ID}. */
    public PipelineDriver provisionDevice() {
        return provision(DEVICE_ID, DEVICE);
    }

    /** Publishes the provisioning record of a device, as the fleet system does. */
    public PipelineDriver provision(long id, String deviceName) {
        return provision(id, deviceName, "1.2.3");
    }

    /** Publishes the provisioning record of a device running {@code firmware}. */
    public PipelineDriver provision(long id, String deviceName, String firmware) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("device_name", deviceName);
        record.put("serial_number", UUID.nameUUIDFromBytes(deviceName.getBytes(StandardCharsets.UTF_8)).toString());
        record.put("device_type", "Model X 2000 Series");
        record.put("firmware_version", firmware);
        provisioning.pipeInput(new TestRecord<>(utf8(Long.toString(id)), JSON.writeValueAsBytes(record), now()));
        return this;
    }

    /** Publishes a field on {@code insiders.fields}; corners as {latitude, longitude}, in the documented order. */
    public PipelineDriver field(long id, String name, List<double[]> corners) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("name", name);
        List<Map<String, Object>> points = new ArrayList<>();
        for (double[] corner : corners) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("latitude", corner[0]);
            point.put("longitude", corner[1]);
            points.add(point);
        }
        record.put("corners", points);
        fields.pipeInput(new TestRecord<>(utf8(Long.toString(id)), JSON.writeValueAsBytes(record), now()));
        return this;
    }

    /** Publishes these exact bytes on {@code insiders.fields}. */
    public PipelineDriver fieldBytes(String key, byte[] value) {
        fields.pipeInput(new TestRecord<>(key == null ? null : utf8(key), value, now()));
        return this;
    }

    /** Publishes these exact bytes on {@code insiders.devices.provisioning}. */
    public PipelineDriver provisioningBytes(String key, byte[] value) {
        provisioning.pipeInput(new TestRecord<>(key == null ? null : utf8(key), value, now()));
        return this;
    }

    /** Deletes a field (a tombstone on {@code insiders.fields}). */
    public PipelineDriver deleteField(long id) {
        fields.pipeInput(new TestRecord<>(utf8(Long.toString(id)), null, now()));
        return this;
    }

    /** A plausible JSON frame of {@code device} at {@code time}, on the Jean-Bouin stadium in Paris; change it at will. */
    public static Map<String, Object> frame(String device, long time) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("device_name", device);
        frame.put("timestamp", time);
        frame.put("gnss.latitude", 48.8412);
        frame.put("gnss.longitude", 2.253);
        frame.put("gnss.altitude", 35.0);
        frame.put("gnss.speed", 1.83);
        frame.put("gnss.timestamp", time);
        frame.put("ecg.hr", 121);
        return frame;
    }

    /** {@link #frame(String, long)} at an instant. */
    public static Map<String, Object> frame(String device, Instant time) {
        return frame(device, time.toEpochMilli());
    }

    /** An Avro frame of {@code device} at {@code time}, with the values of {@link #frame(String, long)}. */
    public static Frame avroFrame(String device, long time) {
        return Frame.newBuilder().setDeviceName(device).setTimestamp(time).setLatitude(48.8412).setLongitude(2.253)
                .setAltitude(35.0).setSpeed(1.83).setGnssTimestamp(time).setHeartRate(121).build();
    }

    /** Publishes a JSON frame under its device name. */
    public PipelineDriver pipeJson(Map<String, Object> frame) {
        return pipeJson((String) frame.get("device_name"), frame);
    }

    /** Publishes any value as JSON under {@code key} (null for no key). */
    public PipelineDriver pipeJson(String key, Object value) {
        return pipeJsonBytes(key == null ? null : utf8(key), JSON.writeValueAsBytes(value));
    }

    /** Publishes these exact bytes on {@code insiders.frames.json}. */
    public PipelineDriver pipeJsonBytes(byte[] key, byte[] value) {
        return pipeJsonBytes(key, value, new RecordHeaders());
    }

    /** Publishes these exact bytes and headers on {@code insiders.frames.json}. */
    public PipelineDriver pipeJsonBytes(byte[] key, byte[] value, Headers headers) {
        jsonFrames.pipeInput(new TestRecord<>(key, value, headers, now()));
        return this;
    }

    /** Publishes an Avro frame on {@code insiders.frames.raw} under its device name. */
    public PipelineDriver pipeAvro(Frame frame) {
        return pipeRawBytes(utf8(frame.getDeviceName()), Serdes.frame().encode(frame));
    }

    /** Publishes these exact bytes on {@code insiders.frames.raw}. */
    public PipelineDriver pipeRawBytes(byte[] key, byte[] value) {
        rawFrames.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), now()));
        return this;
    }

    // ---- output topics (each read consumes what it returns)

    public List<TestRecord<String, EnrichedFrame>> enrichedRecords() {
        return enriched.readRecordsToList();
    }

    public List<EnrichedFrame> enriched() {
        return enriched.readValuesToList();
    }

    /** The range changes published since the last call, as records; the wall clock moves on as for {@link #rangeChanges()}. */
    public List<TestRecord<String, ActivityRange>> rangeRecords() {
        driver.advanceWallClockTime(PipelineProcessor.RANGES_PUBLISH_INTERVAL);
        return ranges.readRecordsToList();
    }

    /**
     * The range changes published since the last call. The wall clock moves on by the publishing interval first: the
     * changes of in-order frames wait for it ({@link ActivityRanges}).
     */
    public List<ActivityRange> rangeChanges() {
        driver.advanceWallClockTime(PipelineProcessor.RANGES_PUBLISH_INTERVAL);
        return ranges.readValuesToList();
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** True when nothing was published on any output topic since the last reads. */
    public boolean outputsEmpty() {
        return enriched.isEmpty() && ranges.isEmpty() && deadLetters.isEmpty();
    }

    // ---- stores

    public KeyValueStore<Bytes, byte[]> frameStore() {
        return driver.getKeyValueStore(FrameHistory.STORE);
    }

    public KeyValueStore<Bytes, byte[]> rangeStore() {
        return driver.getKeyValueStore(ActivityRanges.STORE);
    }

    public KeyValueStore<Bytes, byte[]> latestStore() {
        return driver.getKeyValueStore(LatestTimestamps.STORE);
    }

    /** Every frame stored for {@code device}, in time order. */
    public List<EnrichedFrame> storedFrames(String device) {
        return FrameHistory.between(frameStore(), device, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** The frame stored for {@code device} at {@code time}, or null. */
    public EnrichedFrame storedFrame(String device, long time) {
        return FrameHistory.at(frameStore(), device, time);
    }

    /** Every range stored for {@code device}, by start. */
    public List<RangeView> storedRanges(String device) {
        List<RangeView> result = new ArrayList<>();
        for (Range range : ActivityRanges.all(rangeStore(), device)) {
            result.add(new RangeView(device, range.start(), range.stop(), range.size()));
        }
        return result;
    }

    /** The device's latest timestamp, or null. */
    public Long latest(String device) {
        return LatestTimestamps.read(latestStore(), device);
    }

    // ---- the example

    /**
     * The frames of {@code examples/match-short.json} (a copy of the spec's example), each given
     * {@code device} as its {@code device_name}, in the file's order.
     */
    public static List<Map<String, Object>> exampleFrames(String device) {
        try (InputStream in = PipelineDriver.class.getResourceAsStream("/examples/match-short.json")) {
            if (in == null) {
                throw new IllegalStateException("examples/match-short.json is not on the test classpath");
            }
            List<Map<String, Object>> example = JSON.convertValue(JSON.readTree(in).get("frames"),
                    new TypeReference<List<Map<String, Object>>>() { });
            List<Map<String, Object>> frames = new ArrayList<>();
            for (Map<String, Object> frame : example) {
                Map<String, Object> withDevice = new LinkedHashMap<>();
                withDevice.put("device_name", device);
                withDevice.putAll(frame);
                frames.add(withDevice);
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The JSON bytes of a value, for tests that need to compare them. */
    public static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Only a temporary directory under target/ is left behind.
        }
    }
}
