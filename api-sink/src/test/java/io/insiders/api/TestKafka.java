package io.insiders.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.insiders.api.kafka.KafkaConfiguration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real KRaft broker in the test JVM, shared by the application tests, and the properties that
 * point an application at it with a fresh state directory and application id.
 */
public final class TestKafka {

    private static KafkaClusterTestKit cluster;

    private TestKafka() {
    }

    /** The shared broker's address, starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = startClusterForApplication();
        }
        return cluster.bootstrapServers();
    }

    /**
     * A broker of its own for a test class's application, closed when the JVM exits, after the application
     * contexts: Spring's context cache keeps a test class's application running after the class, and closes it
     * when another class needs a different one, or at the exit. A broker closed before its application left the
     * application's stream processor waiting for it until its 30 s close timeout, at each such close.
     */
    public static KafkaClusterTestKit startClusterForApplication() {
        KafkaClusterTestKit started = startCluster();
        // Spring Boot runs its shutdown handlers once every application context is closed; a shutdown hook of
        // the broker's own would run beside them.
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                started.close();
            } catch (Exception ignored) {
                // the JVM is exiting
            }
        });
        return started;
    }

    /** A broker of its own, for a test that must not share topics with the applications under test; the caller closes it. */
    public static KafkaClusterTestKit startCluster() {
        try {
            // A directory of its own: the test kit's default one is deleted by a JVM shutdown hook of Kafka's test
            // utilities, which runs beside the ones closing the applications and their broker, and a broker whose
            // log directory is deleted under it halts the JVM with status 1. Deleted when the broker closes.
            Path baseDirectory = Files.createTempDirectory("insiders-kafka-");
            KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setBaseDirectory(baseDirectory)
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("message.max.bytes", Integer.toString(40 * 1024 * 1024))
                    .setConfigProp("log.message.timestamp.after.max.ms", KafkaConfiguration.TIMESTAMPS_AHEAD)
                    .build();
            started.format();
            started.startup();
            started.waitForReadyBrokers();
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a test broker", e);
        }
    }

    /** Points an application under test at the shared broker, with state of its own. */
    public static void register(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("insiders-test-");
        String id = "insiders-test-" + UUID.randomUUID();
        registry.add("insiders.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("insiders.kafka.data-dir", data::toString);
        registry.add("insiders.kafka.partitions", () -> "3");
        registry.add("insiders.streams.application-id", () -> id);
    }

    /** A producer of raw bytes to the shared broker. */
    public static KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String topic, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }
}
