package io.insiders.stream.intake;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.avroFrame;
import static io.insiders.stream.PipelineDriver.frame;
import static io.insiders.stream.PipelineDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.PipelineSettings;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The intake's dead letters: one test per rule, each checking that the refused record keeps its key,
 * value and headers and says why and where it was refused; the bounds just inside every rule pass.
 */
class DeadLetterTest {

    private static final long T = NOW.minus(Duration.ofHours(1)).toEpochMilli();

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    // ---- the Avro topic

    @Test
    void bytesThatAreNotAvroAreUnreadable() {
        byte[] value = "hello, not avro".getBytes(StandardCharsets.UTF_8);
        pipeline.pipeRawBytes(utf8(DEVICE), value);

        DeadLetter letter = single(Topics.FRAMES_RAW, 0);
        letter.assertOriginal(utf8(DEVICE), value);
        letter.assertReason(Rejection.Reason.UNREADABLE, "not Avro single-object encoding");
    }

    @Test
    void anAvroRecordOfAnUnknownSchemaIsUnreadable() {
        byte[] value = Serdes.frame().encode(avroFrame(DEVICE, T));
        byte[] fingerprint = new byte[8];
        new Random(42).nextBytes(fingerprint);
        System.arraycopy(fingerprint, 0, value, 2, 8);
        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(value[1]).isEqualTo((byte) 0x01);
        pipeline.pipeRawBytes(utf8(DEVICE), value);

        DeadLetter letter = single(Topics.FRAMES_RAW, 0);
        letter.assertOriginal(utf8(DEVICE), value);
        letter.assertReason(Rejection.Reason.UNREADABLE, "unknown schema");
    }

    @Test
    void aTruncatedAvroRecordIsUnreadable() {
        byte[] whole = Serdes.frame().encode(avroFrame(DEVICE, T));
        byte[] value = Arrays.copyOf(whole, 14);
        pipeline.pipeRawBytes(utf8(DEVICE), value);

        single(Topics.FRAMES_RAW, 0).assertReason(Rejection.Reason.UNREADABLE, "malformed");
    }

    @Test
    void anAvroFrameIsCheckedByTheSameRules() {
        pipeline.pipeAvro(avroFrame(DEVICE, T));
        Frame bad = avroFrame(DEVICE, T + 1);
        bad.setHeartRate(251);
        pipeline.pipeAvro(bad);

        single(Topics.FRAMES_RAW, 1).assertReason(Rejection.Reason.OUT_OF_RANGE, "ecg.hr");
        assertThat(pipeline.enriched()).extracting(EnrichedFrame::getTimestamp).containsExactly(T);
    }

    @Test
    void anAvroFrameWithABlankDeviceHasNoDevice() {
        pipeline.pipeAvro(avroFrame(" ", T));

        single(Topics.FRAMES_RAW, 0).assertReason(Rejection.Reason.MISSING_DEVICE, "device_name");
    }

    // ---- the JSON topic: what cannot be read

    @Test
    void bytesThatAreNotJsonAreUnreadable() {
        byte[] value = "{\"device_name\": \"864475041000000\", \"timestamp\": ".getBytes(StandardCharsets.UTF_8);
        pipeline.pipeJsonBytes(utf8(DEVICE), value);

        DeadLetter letter = single(Topics.FRAMES_JSON, 0);
        letter.assertOriginal(utf8(DEVICE), value);
        letter.assertReason(Rejection.Reason.UNREADABLE, "not JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a string\"", "42", "true", "[1, 2]", "[]"})
    void jsonOfTheWrongShapeIsUnreadable(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        pipeline.pipeJsonBytes(utf8(DEVICE), value);

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters();
        assertThat(letters).isNotEmpty().allSatisfy(record -> {
            DeadLetter letter = new DeadLetter(record);
            letter.assertOriginal(utf8(DEVICE), value);
            letter.assertReason(Rejection.Reason.UNREADABLE, "");
            letter.assertSource(Topics.FRAMES_JSON, 0);
        });
        assertThat(pipeline.enriched()).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsUnreadable() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put("gnss.latitude", "48.84");
        pipeline.pipeJson(frame);

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.UNREADABLE, "gnss.latitude");
    }

    @Test
    void aFractionalTimestampIsUnreadable() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put("timestamp", T + 0.5);
        pipeline.pipeJson(frame);

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.UNREADABLE, "timestamp");
    }

    // ---- missing device, missing time, unknown device

    @Test
    void aFrameWithoutDeviceIsRefused() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.remove("device_name");
        pipeline.pipeJson(DEVICE, frame);

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.MISSING_DEVICE, "device_name");
    }

    @Test
    void aFrameWithANullDeviceIsRefused() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put("device_name", null);
        pipeline.pipeJson(DEVICE, frame);

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.MISSING_DEVICE, "device_name");
    }

    @Test
    void aFrameWithoutTimeIsRefused() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.remove("timestamp");
        pipeline.pipeJson(frame);

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.MISSING_TIME, "timestamp");
    }

    @Test
    void aFrameWithANullOrZeroTimeIsRefused() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put("timestamp", null);
        pipeline.pipeJson(frame);
        frame.put("timestamp", 0);
        pipeline.pipeJson(frame);

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters();
        assertThat(letters).hasSize(2);
        new DeadLetter(letters.get(0)).assertReason(Rejection.Reason.MISSING_TIME, "timestamp");
        new DeadLetter(letters.get(1)).assertReason(Rejection.Reason.MISSING_TIME, "timestamp");
    }

    @Test
    void aFrameOfADeviceNeverProvisionedIsRefused() {
        pipeline.pipeJson(frame("999999999999999", T));

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.UNKNOWN_DEVICE, "999999999999999");
        assertThat(pipeline.enriched()).isEmpty();
    }

    // ---- physical ranges

    @ParameterizedTest
    @ValueSource(doubles = {90.0001, -90.0001, 1000.0})
    void aLatitudeBeyondThePolesIsOutOfRange(double latitude) {
        assertRefused("gnss.latitude", latitude, Rejection.Reason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {90.0, -90.0, 0.0})
    void aLatitudeUpToThePolesIsAccepted(double latitude) {
        assertAccepted("gnss.latitude", latitude);
    }

    @ParameterizedTest
    @ValueSource(doubles = {180.0001, -180.0001, 360.0})
    void aLongitudeBeyond180IsOutOfRange(double longitude) {
        assertRefused("gnss.longitude", longitude, Rejection.Reason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {180.0, -180.0})
    void aLongitudeOf180IsAccepted(double longitude) {
        assertAccepted("gnss.longitude", longitude);
    }

    @ParameterizedTest
    @ValueSource(doubles = {100.0001, 1000.0, -0.1})
    void aSpeedAbove100OrNegativeIsOutOfRange(double speed) {
        assertRefused("gnss.speed", speed, Rejection.Reason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {100.0, 0.0})
    void aSpeedUpTo100IsAccepted(double speed) {
        assertAccepted("gnss.speed", speed);
    }

    @ParameterizedTest
    @ValueSource(ints = {19, 251, 0, -1})
    void aHeartRateOutside20To250IsOutOfRange(int heartRate) {
        assertRefused("ecg.hr", heartRate, Rejection.Reason.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 250})
    void aHeartRateOf20Or250IsAccepted(int heartRate) {
        assertAccepted("ecg.hr", heartRate);
    }

    @Test
    void missingAndNullOptionalValuesAreAccepted() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put("gnss.latitude", null);
        frame.put("gnss.longitude", null);
        frame.remove("gnss.altitude");
        frame.remove("gnss.speed");
        frame.put("ecg.hr", null);
        frame.remove("gnss.timestamp");
        pipeline.pipeJson(frame);

        assertThat(pipeline.deadLetters()).isEmpty();
        EnrichedFrame enriched = pipeline.storedFrame(DEVICE, T);
        assertThat(enriched).isNotNull();
        assertThat(enriched.getLatitude()).isNull();
        assertThat(enriched.getHeartRate()).isNull();
        assertThat(enriched.getGnssTimestamp()).isNull();
    }

    // ---- time

    @Test
    void aTimeMoreThanADayAheadIsRefused() {
        long ahead = NOW.plus(PipelineSettings.DEFAULT_MAX_AHEAD).toEpochMilli() + 1;
        pipeline.pipeJson(frame(DEVICE, ahead));

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.TIME_AHEAD, "ahead");
    }

    @Test
    void aTimeExactlyADayAheadIsAccepted() {
        long ahead = NOW.plus(PipelineSettings.DEFAULT_MAX_AHEAD).toEpochMilli();
        pipeline.pipeJson(frame(DEVICE, ahead));

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.storedFrame(DEVICE, ahead)).isNotNull();
    }

    @Test
    void aTimeOlderThanTheRetentionIsRefused() {
        long old = NOW.minus(PipelineSettings.DEFAULT_RETENTION).toEpochMilli() - 1;
        pipeline.pipeJson(frame(DEVICE, old));

        single(Topics.FRAMES_JSON, 0).assertReason(Rejection.Reason.TIME_EXPIRED, "retention");
    }

    @Test
    void aTimeExactlyAsOldAsTheRetentionIsAccepted() {
        long old = NOW.minus(PipelineSettings.DEFAULT_RETENTION).toEpochMilli();
        pipeline.pipeJson(frame(DEVICE, NOW.toEpochMilli()));
        pipeline.pipeJson(frame(DEVICE, old));

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.storedFrame(DEVICE, old)).isNotNull();
    }

    // ---- arrays, headers, and going on

    @Test
    void aBadElementOfAnArrayIsDeadLetteredWithItsIndexAndTheOthersAreProcessed() {
        Map<String, Object> bad = frame(DEVICE, T + 100);
        bad.put("gnss.latitude", 91.0);
        List<Object> array = List.of(frame(DEVICE, T), bad, frame(DEVICE, T + 200), "not a frame");
        byte[] value = PipelineDriver.json(array);
        pipeline.pipeJsonBytes(utf8(DEVICE), value);

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters();
        assertThat(letters).hasSize(2);
        DeadLetter outOfRange = new DeadLetter(letters.get(0));
        outOfRange.assertOriginal(utf8(DEVICE), value);
        outOfRange.assertReason(Rejection.Reason.OUT_OF_RANGE, "element 1: gnss.latitude");
        DeadLetter notAnObject = new DeadLetter(letters.get(1));
        notAnObject.assertOriginal(utf8(DEVICE), value);
        notAnObject.assertReason(Rejection.Reason.UNREADABLE, "element 3: ");
        assertThat(pipeline.enriched()).extracting(EnrichedFrame::getTimestamp).containsExactly(T, T + 200);
    }

    @Test
    void aDeadLetterKeepsTheOriginalHeadersAndANullKey() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", utf8("abc-123"));
        headers.add(DeadLetters.REASON, utf8("forged"));
        byte[] value = utf8("not json");
        pipeline.pipeJsonBytes(null, value, headers);

        TestRecord<byte[], byte[]> record = pipeline.deadLetters().get(0);
        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo(value);
        assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(headerValues(record, "trace-id")).containsExactly("abc-123");
        assertThat(headerValues(record, DeadLetters.REASON)).containsExactly(Rejection.Reason.UNREADABLE.name());
    }

    @Test
    void thePipelineGoesOnAfterBadRecords() {
        pipeline.pipeRawBytes(utf8(DEVICE), new byte[] {(byte) 0xC3, 0x01, 1, 2});
        pipeline.pipeRawBytes(utf8(DEVICE), null);
        pipeline.pipeRawBytes(null, new byte[0]);
        pipeline.pipeJsonBytes(utf8(DEVICE), utf8("{]"));
        pipeline.pipeJsonBytes(utf8(DEVICE), null);
        pipeline.pipeJsonBytes(utf8(DEVICE), new byte[0]);
        pipeline.pipeJsonBytes(utf8(DEVICE), new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
        pipeline.pipeJson(frame("unknown", T));

        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeAvro(avroFrame(DEVICE, T + 1));

        assertThat(pipeline.deadLetters()).hasSize(8);
        assertThat(pipeline.enriched()).extracting(EnrichedFrame::getTimestamp).containsExactly(T, T + 1);
        assertThat(pipeline.storedFrames(DEVICE)).hasSize(2);
    }

    private void assertRefused(String key, Object value, Rejection.Reason reason) {
        pipeline.pipeJson(frame(DEVICE, T));
        Map<String, Object> frame = frame(DEVICE, T + 1);
        frame.put(key, value);
        pipeline.pipeJson(frame);

        single(Topics.FRAMES_JSON, 1).assertReason(reason, key + " " + value);
        assertThat(pipeline.storedFrame(DEVICE, T + 1)).isNull();
        assertThat(pipeline.enriched()).extracting(EnrichedFrame::getTimestamp).containsExactly(T);
    }

    private void assertAccepted(String key, Object value) {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put(key, value);
        pipeline.pipeJson(frame);

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.enriched()).hasSize(1);
        assertThat(pipeline.storedFrame(DEVICE, T)).isNotNull();
    }

    /** The only dead letter, which must come from that topic's partition 0 at {@code offset}. */
    private DeadLetter single(String topic, long offset) {
        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters();
        assertThat(letters).hasSize(1);
        DeadLetter letter = new DeadLetter(letters.get(0));
        letter.assertSource(topic, offset);
        return letter;
    }

    private static List<String> headerValues(TestRecord<byte[], byte[]> record, String key) {
        List<String> values = new ArrayList<>();
        for (Header header : record.headers().headers(key)) {
            values.add(utf8(header.value()));
        }
        return values;
    }

    /** A dead letter read from the topic. */
    private static final class DeadLetter {

        private final TestRecord<byte[], byte[]> record;
        private final Map<String, String> headers = new HashMap<>();

        DeadLetter(TestRecord<byte[], byte[]> record) {
            this.record = record;
            for (Header header : record.headers()) {
                assertThat(headers.put(header.key(), utf8(header.value()))).as("header %s repeated", header.key()).isNull();
            }
        }

        void assertOriginal(byte[] key, byte[] value) {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo(value);
        }

        void assertReason(Rejection.Reason reason, String messagePart) {
            assertThat(headers.get(DeadLetters.REASON)).isEqualTo(reason.name());
            assertThat(headers.get(DeadLetters.MESSAGE)).isNotBlank().contains(messagePart);
        }

        void assertSource(String topic, long offset) {
            assertThat(headers.get(DeadLetters.SOURCE_TOPIC)).isEqualTo(topic);
            assertThat(headers.get(DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(headers.get(DeadLetters.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
        }
    }
}
