package io.insiders.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Messages far larger than a frame, on a real broker: the stream processor refuses them to the
 * dead-letter topic (whole, with the reason) and goes on with the frames after them. A dead letter is
 * as large as the message it keeps, so the processor's producer must be able to write it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HugeFrameIntakeTest {

    private static final String DEVICE = "864475041000091";
    private static final long DEVICE_ID = 91;
    private static final KafkaClusterTestKit CLUSTER = TestKafka.startClusterForApplication();

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("insiders-huge-");
        registry.add("insiders.kafka.bootstrap-servers", CLUSTER::bootstrapServers);
        registry.add("insiders.kafka.data-dir", data::toString);
        registry.add("insiders.kafka.partitions", () -> "2");
        registry.add("insiders.streams.application-id", () -> "huge-" + UUID.randomUUID());
    }

    @Test
    void messagesOfMegabytesAreDeadLetteredAndTheFramesAfterThemProcessed() throws Exception {
        TestAccounts.Credentials manager = TestAccounts.register(context, new ApiClient(port));
        ApiClient api = new ApiClient(port).withBasic(manager.username(), manager.password());
        long now = System.currentTimeMillis();
        // His since before the frame below, so that he reads it.
        TestOwnership.grantSince(context, DEVICE_ID, manager.id(), now - 3_600_000);
        List<byte[]> huge = List.of(
                utf8("{\"device_name\": \"" + DEVICE + "\", \"timestamp\": \"soon\", \"pad\": \"" + "x".repeat(3 << 20) + "\"}"),
                new byte[12 << 20]);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DEVICES_PROVISIONING, utf8(Long.toString(DEVICE_ID)),
                    utf8("{\"id\": " + DEVICE_ID + ", \"device_name\": \"" + DEVICE + "\", \"serial_number\": \"sn-91\"}"))).get();
            for (byte[] value : huge) {
                producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, utf8(DEVICE), value)).get();
                producer.send(new ProducerRecord<>(Topics.FRAMES_RAW, utf8(DEVICE), value)).get();
            }
            producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, utf8(DEVICE), utf8("{\"device_name\": \"" + DEVICE
                    + "\", \"timestamp\": " + (now - 1000) + ", \"gnss.latitude\": 48.8, \"gnss.longitude\": 2.25}"))).get();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/api/v1/devices/" + DEVICE_ID + "/preprocessed-data/latest-timestamp/").body())
                        .contains("\"timestamp\":" + (now - 1000)));
        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(4);
        assertThat(letters).hasSize(4).allSatisfy(letter -> {
            assertThat(letter.headers().lastHeader("insiders.dlq.reason")).isNotNull();
            assertThat(letter.value().length).isGreaterThan(3 << 20);
        });
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "huge-reader-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FRAMES_DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
            }
        }
        return letters;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 << 20);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
