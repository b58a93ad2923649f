package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LivePublisherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00.370Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-01-10T11:00:00Z");
    private static final List<String> NAMES = List.of("864475041000001", "864475041000002", "864475041000003");

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());

    @Test
    void avroFramesGoToTheRawTopicOneRecordPerFrameKeyedByDevice() {
        PublishSummary summary = publish(settings(FrameFormat.AVRO, Batching.SINGLE));

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records).hasSize(300);
        assertThat(summary.frames()).isEqualTo(300);
        assertThat(summary.messages()).isEqualTo(300);
        assertThat(summary.stopped()).isFalse();
        assertThat(records).extracting(ProducerRecord::topic).containsOnly(Topics.FRAMES_RAW);
        assertThat(records).extracting(ProducerRecord::key).containsOnlyElementsOf(NAMES);
        Map<String, List<Frame>> byDevice = new LinkedHashMap<>();
        for (ProducerRecord<String, byte[]> record : records) {
            assertThat(record.value()).startsWith((byte) 0xC3, (byte) 0x01);
            Frame frame = Serdes.frame().decode(record.value());
            assertThat(frame.getDeviceName()).isEqualTo(record.key());
            byDevice.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(frame);
        }
        assertThat(byDevice).containsOnlyKeys(NAMES);
        for (String name : NAMES) {
            List<Frame> frames = byDevice.get(name);
            assertThat(frames).hasSize(100);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(frames.get(i).getTimestamp()).isEqualTo(START.toEpochMilli() + 100L * i);
            }
        }
        assertThat(byDevice.get(NAMES.get(0))).isEqualTo(Fleet.of(1).device(0)
                .session(PitchModel.paris(), START, Duration.ofSeconds(10)).frameStream().toList());
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void jsonFramesGoToTheJsonTopicAsObjects() {
        publish(settings(FrameFormat.JSON, Batching.SINGLE));

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records).hasSize(300);
        assertThat(records).extracting(ProducerRecord::topic).containsOnly(Topics.FRAMES_JSON);
        for (ProducerRecord<String, byte[]> record : records) {
            JsonNode json = JSON.readTree(record.value());
            assertThat(json.isObject()).isTrue();
            assertThat(json.propertyNames()).containsExactlyElementsOf(FrameJson.KEYS);
            assertThat(json.get("device_name").asString()).isEqualTo(record.key());
        }
    }

    @Test
    void aJsonSecondIsOneArrayOfTenFramesPerDevicePerSecond() {
        PublishSummary summary = publish(settings(FrameFormat.JSON, Batching.SECOND));

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records).hasSize(30);
        assertThat(summary.frames()).isEqualTo(300);
        assertThat(summary.messages()).isEqualTo(30);
        for (int i = 0; i < records.size(); i++) {
            ProducerRecord<String, byte[]> record = records.get(i);
            assertThat(record.topic()).isEqualTo(Topics.FRAMES_JSON);
            assertThat(record.key()).isEqualTo(NAMES.get(i % 3));
            JsonNode array = JSON.readTree(record.value());
            assertThat(array.isArray()).isTrue();
            assertThat(array.size()).isEqualTo(10);
            long second = START.toEpochMilli() + 1000L * (i / 3);
            for (int j = 0; j < 10; j++) {
                assertThat(array.get(j).get("device_name").asString()).isEqualTo(record.key());
                assertThat(array.get(j).get("timestamp").asLong()).isEqualTo(second + 100L * j);
            }
            assertThat(array.get(0).get("ecg.hr").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void anAvroSecondIsTenRecordsOfOneDeviceSentTogether() {
        PublishSummary summary = publish(settings(FrameFormat.AVRO, Batching.SECOND));

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records).hasSize(300);
        assertThat(summary.messages()).isEqualTo(300);
        for (int i = 0; i < records.size(); i++) {
            String device = NAMES.get(i / 10 % 3);
            assertThat(records.get(i).key()).isEqualTo(device);
            Frame frame = Serdes.frame().decode(records.get(i).value());
            assertThat(frame.getTimestamp()).isEqualTo(START.toEpochMilli() + 1000L * (i / 30) + 100L * (i % 10));
        }
    }

    @Test
    void provisioningComesFirstKeyedById() {
        LiveSettings settings = settings(FrameFormat.AVRO, Batching.SINGLE).withProvision(true)
                .withFleet(new Fleet(Fleet.DEFAULT_PREFIX, 5L, 3, 1L));

        PublishSummary summary = publish(settings);

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records).hasSize(303);
        assertThat(summary.provisioned()).isEqualTo(3);
        assertThat(summary.frames()).isEqualTo(300);
        for (int i = 0; i < 3; i++) {
            ProducerRecord<String, byte[]> record = records.get(i);
            assertThat(record.topic()).isEqualTo(Topics.DEVICES_PROVISIONING);
            assertThat(record.key()).isEqualTo(Long.toString(5L + i));
            JsonNode json = JSON.readTree(record.value());
            assertThat(json.get("id").asLong()).isEqualTo(5L + i);
            assertThat(json.get("device_name").asString()).isEqualTo("86447504100000" + (5 + i));
            assertThat(json.get("device_type").asString()).isEqualTo("Model X 2000 Series");
            assertThat(json.get("firmware_version").asString()).isEqualTo("1.2.3");
        }
        assertThat(records.subList(3, 303)).extracting(ProducerRecord::topic).containsOnly(Topics.FRAMES_RAW);
    }

    @Test
    void atMaxPaceWithoutStartTheFramesEndNow() {
        LiveSettings settings = settings(FrameFormat.AVRO, Batching.SINGLE).withStart(null).withDevices(1);

        publish(settings);

        List<ProducerRecord<String, byte[]>> records = producer.history();
        assertThat(records).hasSize(100);
        long first = Serdes.frame().decode(records.get(0).value()).getTimestamp();
        long last = Serdes.frame().decode(records.get(99).value()).getTimestamp();
        assertThat(first).isEqualTo(NOW.minusSeconds(10).toEpochMilli() / 100 * 100);
        assertThat(last).isLessThanOrEqualTo(NOW.toEpochMilli()).isGreaterThan(NOW.toEpochMilli() - 200);
    }

    @Test
    void atMaxPaceWithoutDurationItPlaysAMinute() {
        PublishSummary summary = publish(settings(FrameFormat.AVRO, Batching.SINGLE).withDuration(null).withDevices(2));

        assertThat(summary.frames()).isEqualTo(2 * 600);
    }

    @Test
    void aStopConditionEndsTheRunAfterFlushing() {
        AtomicInteger asked = new AtomicInteger();
        LivePublisher publisher = new LivePublisher(producer, settings(FrameFormat.AVRO, Batching.SINGLE), CLOCK);

        PublishSummary summary = publisher.run(() -> asked.incrementAndGet() > 5);

        assertThat(summary.stopped()).isTrue();
        assertThat(summary.frames()).isEqualTo(15);
        assertThat(producer.history()).hasSize(15);
        assertThat(producer.flushed()).isTrue();
        publisher.close();
        assertThat(producer.closed()).as("a producer the publisher did not make stays open").isFalse();
    }

    @Test
    void reportsProgress() {
        List<PublishSummary> reports = new ArrayList<>();
        LivePublisher publisher = new LivePublisher(producer, settings(FrameFormat.JSON, Batching.SINGLE)
                .withDuration(Duration.ofMinutes(10)), CLOCK).onProgress(Duration.ofNanos(1), reports::add);

        publisher.run();

        assertThat(reports).isNotEmpty();
        assertThat(reports).extracting(PublishSummary::frames).isSorted();
        assertThat(reports.get(reports.size() - 1).frames()).isLessThanOrEqualTo(3 * 6_000);
    }

    @Test
    void inRealTimeFramesAreStampedNowAndSentAsTimeGoesBy() {
        LiveSettings settings = LiveSettings.defaults().withDevices(2).withPace(Pace.REALTIME).withDuration(Duration.ofSeconds(1));
        LivePublisher publisher = new LivePublisher(producer, settings, Clock.systemUTC());
        long before = System.currentTimeMillis();

        PublishSummary summary = publisher.run();

        long after = System.currentTimeMillis();
        assertThat(after - before).as("wall-clock time of a 1 s run").isBetween(700L, 3_000L);
        assertThat(summary.frames()).isEqualTo(20);
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            long timestamp = Serdes.frame().decode(record.value()).getTimestamp();
            assertThat(timestamp).isBetween(before - 100, after);
        }
    }

    @Test
    void inRealTimeWithoutDurationItRunsUntilStopped() throws InterruptedException {
        LiveSettings settings = LiveSettings.defaults().withDevices(1).withFormat(FrameFormat.JSON).withBatching(Batching.SECOND);
        LivePublisher publisher = new LivePublisher(producer, settings, Clock.systemUTC());
        PublishSummary[] summary = new PublishSummary[1];
        Thread running = new Thread(() -> summary[0] = publisher.run());

        running.start();
        Thread.sleep(1_500);
        publisher.stop();
        running.join(5_000);

        assertThat(running.isAlive()).isFalse();
        assertThat(summary[0].stopped()).isTrue();
        assertThat(summary[0].messages()).isBetween(1L, 3L);
        assertThat(producer.history()).hasSize((int) summary[0].messages());
    }

    @Test
    void theFirstFailedSendEndsTheRunWithTheReason() {
        AtomicInteger sends = new AtomicInteger();
        MockProducer<String, byte[]> failing = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                sends.incrementAndGet();
                TimeoutException timeout = new TimeoutException("Topic insiders.frames.raw not present in metadata");
                callback.onCompletion(null, timeout);
                return CompletableFuture.failedFuture(timeout);
            }
        };
        LivePublisher publisher = new LivePublisher(failing, settings(FrameFormat.AVRO, Batching.SINGLE), CLOCK);

        assertThatThrownBy(publisher::run).isInstanceOf(KafkaException.class)
                .hasMessageContaining("not present in metadata")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(sends).as("sends after the first failure").hasValue(1);
    }

    @Test
    void producerPropertiesAreTunedForThroughput() {
        Properties properties = LivePublisher.producerProperties("broker:9092");

        assertThat(properties).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "262144")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        assertThatThrownBy(() -> new LivePublisher(new Properties(), LiveSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsRefuseAStartInRealTime() {
        assertThatThrownBy(() -> LiveSettings.defaults().withStart(START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveSettings.defaults().withDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LiveSettings settings(FrameFormat format, Batching batching) {
        return LiveSettings.defaults().withDevices(3).withFormat(format).withBatching(batching).withPace(Pace.MAX)
                .withStart(START).withDuration(Duration.ofSeconds(10)).withProvisioningPause(Duration.ZERO);
    }

    private PublishSummary publish(LiveSettings settings) {
        try (LivePublisher publisher = new LivePublisher(producer, settings, CLOCK)) {
            return publisher.run();
        }
    }
}
