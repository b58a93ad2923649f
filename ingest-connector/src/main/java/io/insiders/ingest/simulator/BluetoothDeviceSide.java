package io.insiders.ingest.simulator;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.DeviceLinkJson;
import io.insiders.ingest.devicelink.DownlinkCommand;
import io.insiders.ingest.devicelink.UplinkReport;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated devices' side of the device link, on Kafka: when started, each device reports {@code started} on
 * {@code insiders.devices.uplink} with the Bluetooth configuration it runs (none at first); then it follows
 * {@code insiders.devices.downlink} for commands keyed by its name, applies each one's configuration and reports
 * it {@code bluetooth-config-applied}. Use it from code:
 *
 * <pre>{@code
 * try (BluetoothDeviceSide devices = BluetoothDeviceSide.start("127.0.0.1:19092", List.of("864475041000001"))) {
 *     ... // the devices answer until closed
 * }
 * }</pre>
 *
 * <p>The follower reads every partition of the downlink from its end as of the start, without a consumer group, so
 * that several simulators of different devices each see their own commands; it is positioned before the devices
 * report that they started, so the commands that answer those reports are not missed.
 */
public final class BluetoothDeviceSide implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BluetoothDeviceSide.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(15);

    private final SimulatedBluetooth devices;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean closing;

    private BluetoothDeviceSide(String bootstrapServers, Collection<String> deviceNames) {
        this.devices = new SimulatedBluetooth(deviceNames);
        this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::follow, "insiders-simulator-bluetooth");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the devices of these names: positions the downlink follower, has each device report that it started, and
     * follows the downlink on a thread of its own until {@link #close()}.
     *
     * @throws IllegalStateException when the link's topics do not exist (the API creates them when it starts)
     */
    public static BluetoothDeviceSide start(String bootstrapServers, Collection<String> deviceNames) {
        BluetoothDeviceSide side = new BluetoothDeviceSide(bootstrapServers, deviceNames);
        try {
            side.positionAtEnd();
            side.reportStarted();
        } catch (RuntimeException e) {
            side.consumer.close();
            side.producer.close(Duration.ZERO);
            throw e;
        }
        side.thread.start();
        return side;
    }

    /** The configuration a device runs now, if it is one of these. */
    public Optional<BluetoothConfig> configuration(String deviceName) {
        synchronized (devices) {
            return devices.configuration(deviceName);
        }
    }

    /** How many commands the devices applied since the start. */
    public long applied() {
        return applied.get();
    }

    private void positionAtEnd() {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.DEVICES_DOWNLINK, METADATA_WAIT);
        if (partitions == null || partitions.isEmpty() || consumer.partitionsFor(Topics.DEVICES_UPLINK, METADATA_WAIT).isEmpty()) {
            throw new IllegalStateException("the topics " + Topics.DEVICES_DOWNLINK + " and " + Topics.DEVICES_UPLINK
                    + " do not exist: start the application first, it creates them");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // seekToEnd is lazy: resolve the positions now, before the devices report, or an answer could be skipped.
        assigned.forEach(partition -> consumer.position(partition, METADATA_WAIT));
    }

    private void reportStarted() {
        List<UplinkReport> reports;
        synchronized (devices) {
            reports = devices.start(System.currentTimeMillis());
        }
        reports.forEach(this::send);
        producer.flush();
        LOG.info("{} simulated devices reported that they started, following {}", reports.size(), Topics.DEVICES_DOWNLINK);
    }

    private void follow() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (devices.has(record.key())) {
                        receive(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the simulated devices stopped following {}", Topics.DEVICES_DOWNLINK, e);
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    private void receive(ConsumerRecord<String, byte[]> record) {
        DownlinkCommand command;
        try {
            command = DeviceLinkJson.command(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("device {} ignores an unreadable command at {}-{}@{}: {}", record.key(), record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        Optional<UplinkReport> report;
        synchronized (devices) {
            report = devices.receive(command, System.currentTimeMillis());
        }
        report.ifPresent(applied -> {
            this.applied.incrementAndGet();
            send(applied);
            producer.flush();
            LOG.info("device {} applied Bluetooth configuration {} ({})", applied.deviceName(), applied.commandId(),
                    applied.configuration());
        });
    }

    private void send(UplinkReport report) {
        producer.send(new ProducerRecord<>(Topics.DEVICES_UPLINK, report.deviceName(), DeviceLinkJson.write(report)), (metadata, e) -> {
            if (e != null) {
                LOG.warn("device {} could not report {}: {}", report.deviceName(), report.type(), e.getMessage());
            }
        });
    }

    /** Stops following the downlink and closes the clients. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("the simulated devices' follower did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private static Properties consumerProperties(String bootstrapServers) {
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // Commands committed by the API's transactions only.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        return config;
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000"));
        return config;
    }
}
