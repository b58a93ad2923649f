package io.insiders.ingest.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic, from its beginning, and keeps reading it, on a thread of its own: the way
 * every instance keeps its in-memory view of a compacted topic (jobs, accounts). Reads committed
 * records only, so a view never shows what a transaction has not committed. Each record goes to
 * {@code apply}, in order per partition.
 */
public final class CompactedTopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration TOPIC_WAIT = Duration.ofMinutes(5);

    private final String topic;
    private final Consumer<ConsumerRecord<String, byte[]>> apply;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param bootstrapServers the cluster
     * @param topic the topic to read
     * @param name the client id and the reader thread's name
     * @param apply what to do with each record
     */
    public CompactedTopicReader(String bootstrapServers, String topic, String name, Consumer<ConsumerRecord<String, byte[]>> apply) {
        this.topic = topic;
        this.apply = apply;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, name);
        reader.setDaemon(true);
    }

    /**
     * Reads a whole topic once, from its beginning up to its end now (committed records only), on the calling thread:
     * how a processor that takes commands over reads its state back.
     *
     * @param apply what to do with each record, in order per partition
     */
    public static void readOnce(String bootstrapServers, String topic, String clientId, Consumer<ConsumerRecord<String, byte[]>> apply) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicPartitions.of(reader, topic, Duration.ofSeconds(60));
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    apply.accept(record);
                }
            }
        }
    }

    /** Starts reading the topic from its beginning; the topic may not exist yet. */
    public void start() {
        reader.start();
    }

    /** Waits until the reader has read the topic up to where it ended when the reader found it. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try {
            List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, TOPIC_WAIT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply.accept(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.info("{} caught up with {}", reader.getName(), topic);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{} stopped reading {}", reader.getName(), topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("{} stopped reading {}", reader.getName(), topic, e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (reader.getState() == Thread.State.NEW) {
            // Never started: the reader never took the consumer over.
            consumer.close();
        } else {
            consumer.wakeup();
            reader.join(10_000);
        }
    }
}
