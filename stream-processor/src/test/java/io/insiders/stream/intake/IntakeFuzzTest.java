package io.insiders.stream.intake;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.avroFrame;
import static io.insiders.stream.PipelineDriver.frame;
import static io.insiders.stream.PipelineDriver.json;
import static io.insiders.stream.PipelineDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.insiders.schemas.Serdes;
import io.insiders.schemas.testing.PropertyCheck;
import io.insiders.stream.PipelineDriver;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the frame intake through the whole topology: random bytes, spoiled Avro, spoiled and odd JSON,
 * and huge messages, on both intake topics. Whatever comes in, the pipeline does not fail, every message
 * comes out (enriched, or on the dead-letter topic with its reason and source), and a good frame that
 * follows is still processed.
 */
class IntakeFuzzTest {

    private static final long T = NOW.minus(Duration.ofHours(1)).toEpochMilli();
    private static final int TRIES = 300;

    private PipelineDriver pipeline;
    private long probes;

    /** One generated message and the topic it goes to. */
    private record Message(boolean avro, byte[] key, byte[] value) {

        @Override
        public String toString() {
            return (avro ? "avro " : "json ") + (value == null ? "null" : value.length + " bytes " + PropertyCheck.hex(value));
        }
    }

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void randomBytesOnEitherTopicAreDeadLettered() {
        PropertyCheck.forAll("random bytes", TRIES, random -> {
            byte[] value = new byte[random.nextInt(2000)];
            random.nextBytes(value);
            return new Message(random.nextBoolean(), randomKey(random), value);
        }, this::comesOutOnce);
    }

    @Test
    void spoiledAvroFramesComeOutEnrichedOrDeadLettered() {
        PropertyCheck.forAll("spoiled avro", TRIES, random -> {
            byte[] good = Serdes.frame().encode(avroFrame(DEVICE, T + random.nextInt(1_000_000)));
            return new Message(true, utf8(DEVICE), spoil(good, random));
        }, this::comesOutOnce);
    }

    @Test
    void spoiledJsonFramesComeOutEnrichedOrDeadLettered() {
        PropertyCheck.forAll("spoiled json", TRIES, random -> {
            byte[] good = json(frame(DEVICE, T + random.nextInt(1_000_000)));
            return new Message(false, utf8(DEVICE), random.nextInt(3) == 0 ? wrongTypes(random) : spoil(good, random));
        }, this::comesOutOnce);
    }

    @Test
    void oddAndHugeMessagesAreDeadLetteredAndThePipelineGoesOn() {
        List<byte[]> odd = List.of(
                utf8("[".repeat(100_000)),
                utf8("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)),
                utf8("{\"device_name\": \"" + "x".repeat(5_000_000) + "\", \"timestamp\": " + T + "}"),
                utf8("{\"device_name\": \"" + DEVICE + "\", \"timestamp\": " + T + ", \"pad\": \"" + "é".repeat(3_000_000) + "\"}"),
                utf8("\"" + "\\ud800".repeat(10_000) + "\""),
                utf8("1e999999999"),
                utf8("{\"device_name\": \"" + DEVICE + "\", \"timestamp\": 1e400}"),
                utf8("{\"device_name\": \"" + DEVICE + "\", \"timestamp\": 99999999999999999999999999999}"),
                new byte[8_000_000]);
        for (byte[] value : odd) {
            comesOutOnce(new Message(false, utf8(DEVICE), value));
            comesOutOnce(new Message(true, utf8(DEVICE), value));
        }
        // An Avro frame whose device name is 5 MB long: readable, and refused by the rules.
        comesOutOnce(new Message(true, utf8(DEVICE), Serdes.frame().encode(avroFrame("9".repeat(5_000_000), T))));
    }

    @Test
    void aHugeArrayOfFramesComesOutElementByElement() {
        int size = 20_000;
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            elements.add(i % 10 == 0 ? Map.of("timestamp", "soon") : frame(DEVICE, T + i));
        }
        pipeline.pipeJson(DEVICE, elements);

        assertThat(pipeline.deadLetters()).hasSize(size / 10);
        assertThat(pipeline.enriched()).hasSize(size - size / 10);
    }

    /**
     * Pipes the message, and checks that exactly one record came out for it (an enriched frame, or a dead
     * letter with its reason, message and source), then that a good frame still goes through.
     */
    private void comesOutOnce(Message message) {
        if (message.avro()) {
            pipeline.pipeRawBytes(message.key(), message.value());
        } else {
            pipeline.pipeJsonBytes(message.key(), message.value());
        }
        List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters();
        int enriched = pipeline.enrichedRecords().size();
        if (isJsonArray(message)) {
            assertThat(dead.size() + enriched).isPositive();
        } else {
            assertThat(dead.size() + enriched).as("records out for one in").isOne();
        }
        for (TestRecord<byte[], byte[]> letter : dead) {
            assertThat(letter.value()).isEqualTo(message.value());
            assertThat(header(letter, DeadLetters.REASON)).isNotBlank();
            assertThat(header(letter, DeadLetters.MESSAGE)).isNotBlank();
            assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isNotBlank();
            assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isNotBlank();
        }
        // Before the generated frames' times, each probe at a time of its own.
        pipeline.pipeJson(frame(DEVICE, T - 10_000_000 - probes++));
        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.enriched()).hasSize(1);
    }

    /** A JSON message whose root is an array is a batch: each element comes out on its own. */
    private static boolean isJsonArray(Message message) {
        if (message.avro() || message.value() == null) {
            return false;
        }
        for (byte b : message.value()) {
            if (b == '[') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    /** The bytes with a few changed, cut short, or lengthened. */
    private static byte[] spoil(byte[] good, SplittableRandom random) {
        byte[] value = Arrays.copyOf(good, good.length);
        switch (random.nextInt(4)) {
            case 0 -> value = Arrays.copyOf(value, random.nextInt(value.length));
            case 1 -> {
                value = Arrays.copyOf(value, value.length + 1 + random.nextInt(50));
                for (int i = good.length; i < value.length; i++) {
                    value[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    value[random.nextInt(value.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return value;
    }

    /** A frame whose fields hold values of the wrong type. */
    private static byte[] wrongTypes(SplittableRandom random) {
        Map<String, Object> frame = frame(DEVICE, T + random.nextInt(1_000_000));
        List<Object> wrong = Arrays.asList(null, "", "12", List.of(1), Map.of("a", 1), true, Double.MAX_VALUE, Long.MIN_VALUE, -0.0);
        List<String> keys = new ArrayList<>(frame.keySet());
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            frame.put(keys.get(random.nextInt(keys.size())), wrong.get(random.nextInt(wrong.size())));
        }
        return json(frame);
    }

    private static byte[] randomKey(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> utf8(DEVICE);
            default -> {
                byte[] key = new byte[random.nextInt(40)];
                random.nextBytes(key);
                yield key;
            }
        };
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : utf8(header.value());
    }
}
