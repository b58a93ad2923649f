package io.insiders.api.bluetooth;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.insiders.api.registry.Registry;
import io.insiders.api.registry.RegistryResult;
import io.insiders.ingest.devicelink.DeviceLinkJson;
import io.insiders.ingest.devicelink.UplinkReport;
import io.insiders.schemas.Topics;
import io.insiders.stream.devices.DeviceRecord;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the devices' reports on {@code insiders.devices.uplink} in the consumer group {@link #GROUP} (so that one
 * instance of the cluster handles each report) and turns each one into a registry command of the system
 * ({@code bluetooth.started}, {@code bluetooth.applied}), which {@link BluetoothRules} decide in the registry's order.
 *
 * <p>A report that cannot be used (unreadable, of an unknown type, not keyed by its device, from a device never
 * provisioned) is logged with its place and counted in {@code insiders.bluetooth.uplink.refused} by reason, and
 * skipped. While the registry or the devices' store cannot answer, the report is tried again (its offset is not
 * committed): reports apply at least once, and applying one twice changes nothing more.
 *
 * <p>The reports of one poll are handled device by device side by side ({@link #DEVICES_AT_ONCE} at a time), each
 * device's in order: each report waits for its registry command's result, so one at a time held a fleet that starts
 * at once to that round trip (10,000 devices took three minutes), while the registry applies what comes together in
 * one transaction.
 */
final class UplinkFollower implements Runnable, AutoCloseable {

    /** The consumer group of every instance. */
    static final String GROUP = "insiders.bluetooth.uplink";
    static final String REFUSED_METRIC = "insiders.bluetooth.uplink.refused";

    private static final Logger LOG = LoggerFactory.getLogger(UplinkFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** Devices whose reports are handled at once. */
    static final int DEVICES_AT_ONCE = 16;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Registry registry;
    private final DeviceNames devices;
    private final MeterRegistry meters;
    private final ExecutorService workers;
    private volatile boolean closing;

    UplinkFollower(String bootstrapServers, Registry registry, DeviceNames devices, MeterRegistry meters) {
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100"));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.registry = registry;
        this.devices = devices;
        this.meters = meters;
        AtomicInteger workerCount = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(DEVICES_AT_ONCE, runnable -> {
            Thread thread = new Thread(runnable, "insiders-uplink-" + workerCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.DEVICES_UPLINK));
            while (!closing) {
                if (!handle(consumer.poll(POLL))) {
                    Thread.sleep(RETRY_AFTER.toMillis());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the uplink follower stopped", e);
        } finally {
            workers.shutdownNow();
            consumer.close();
        }
    }

    /**
     * Handles a batch, each device's reports in order; false when a report must be tried again: its partition is sought
     * back to it, and the reports after it that were handled are handled again, to the same effect.
     */
    private boolean handle(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean complete = true;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            long retryFrom = complete ? handleByDevice(list) : list.get(0).offset();
            long next = retryFrom < 0 ? list.get(list.size() - 1).offset() + 1 : retryFrom;
            if (next > list.get(0).offset()) {
                done.put(partition, new OffsetAndMetadata(next));
            }
            if (retryFrom >= 0) {
                complete = false;
                consumer.seek(partition, retryFrom);
            }
        }
        if (!done.isEmpty()) {
            try {
                consumer.commitSync(done);
            } catch (CommitFailedException | RebalanceInProgressException e) {
                // The partitions moved: their new holder handles these reports again, to the same effect.
                LOG.info("uplink offsets not committed ({}): the reports will be handled again", e.getMessage());
            }
        }
        return complete;
    }

    /**
     * Handles one partition's reports, the devices side by side and each device's in order. Returns the offset of the
     * first report to try again, or -1: every report before it was handled (its device's reports before it were, and
     * every other device stopped, if at all, at a later report).
     */
    private long handleByDevice(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byDevice = records.stream().collect(Collectors.groupingBy(
                record -> record.key() == null ? "" : record.key(), LinkedHashMap::new, Collectors.toList()));
        List<CompletableFuture<Long>> devices = byDevice.values().stream().map(reports -> CompletableFuture.supplyAsync(() -> {
            for (ConsumerRecord<String, byte[]> report : reports) {
                if (!handle(report)) {
                    return report.offset();
                }
            }
            return -1L;
        }, workers)).toList();
        return devices.stream().mapToLong(CompletableFuture::join).filter(offset -> offset >= 0).min().orElse(-1);
    }

    /** Handles one report; false when it must be tried again. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        UplinkReport report;
        try {
            report = DeviceLinkJson.report(record.value());
        } catch (IllegalArgumentException e) {
            return refuse(record, "unreadable", e.getMessage());
        }
        if (!report.deviceName().equals(record.key())) {
            return refuse(record, "wrong_key", "the key " + record.key() + " is not the report's device " + report.deviceName());
        }
        try {
            Optional<DeviceRecord> device = devices.byName(report.deviceName());
            if (device.isEmpty()) {
                return refuse(record, "unknown_device", "device " + report.deviceName() + " was never provisioned");
            }
            String type = UplinkReport.STARTED.equals(report.type()) ? BluetoothCommands.STARTED : BluetoothCommands.APPLIED;
            RegistryResult result = registry.execute(type, null, new BluetoothCommands.Reported(device.get().id(), report.deviceName(),
                    report.commandId(), report.configuration(), report.reportedAt()));
            if (!result.applied()) {
                return refuse(record, "refused", "the registry answered " + result.status() + " " + result.body());
            }
            LOG.info("device {} reported {}{}", report.deviceName(), report.type(),
                    report.commandId() == null ? "" : " of command " + report.commandId());
            return true;
        } catch (RuntimeException e) {
            // The registry is busy or moving, or the devices' store is being restored: the report waits.
            LOG.warn("uplink report at {}-{}@{} to be tried again: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return false;
        }
    }

    private boolean refuse(ConsumerRecord<String, byte[]> record, String reason, String message) {
        LOG.warn("uplink report at {}-{}@{} (key {}) skipped, {}: {}", record.topic(), record.partition(), record.offset(), record.key(),
                reason, message);
        meters.counter(REFUSED_METRIC, "reason", reason).increment();
        return true;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
    }
}
