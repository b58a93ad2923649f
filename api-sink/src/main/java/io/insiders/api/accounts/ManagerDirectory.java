package io.insiders.api.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.insiders.schemas.Topics;
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
 * Every manager's account, in memory, as {@code insiders.accounts.managers} says: each instance reads
 * the whole compacted topic (committed records only) and keeps reading it, so any instance
 * authenticates any manager. A change this instance just made is {@link #saw seen} before the topic
 * echoes it, so that a read following a write on the same instance reflects the write.
 */
public final class ManagerDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerDirectory.class);

    private final Map<Long, Manager> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> idByUsername = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    public ManagerDirectory(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "insiders-manager-directory");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "insiders-manager-directory");
        reader.setDaemon(true);
    }

    /** Starts reading the topic from its beginning. */
    public void start() {
        reader.start();
    }

    /** Waits until the directory has read the topic up to where it ended when the directory started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The active manager with this id. */
    public Optional<Manager> byId(long id) {
        Manager manager = byId.get(id);
        return manager != null && manager.active() ? Optional.of(manager) : Optional.empty();
    }

    /** The active manager with this username, exactly (usernames are case-sensitive, as in Django). */
    public Optional<Manager> byUsername(String username) {
        Long id = username == null ? null : idByUsername.get(username);
        return id == null ? Optional.empty() : byId(id).filter(m -> m.username().equals(username));
    }

    /** The active managers whose external id is this one. */
    public List<Manager> byExternalId(String externalId) {
        return byId.values().stream().filter(m -> m.active() && externalId.equals(m.externalId())).collect(Collectors.toList());
    }

    /** Records a manager this instance just wrote, so that a read that follows sees it even before the topic echoes it. */
    public void saw(Manager manager) {
        synchronized (this) {
            Manager current = byId.get(manager.id());
            if (current != null && current.version() >= manager.version()) {
                return;
            }
            byId.put(manager.id(), manager);
            if (current != null) {
                idByUsername.remove(current.username(), current.id());
            }
            if (manager.active()) {
                idByUsername.put(manager.username(), manager.id());
            }
        }
    }

    private void read() {
        try {
            List<TopicPartition> partitions = TopicPartitions.of(consumer, Topics.ACCOUNTS_MANAGERS, Duration.ofMinutes(5));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.info("manager directory caught up: {} accounts", byId.size());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the manager directory stopped reading {}", Topics.ACCOUNTS_MANAGERS, e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            saw(AccountsJson.read(record.value(), Manager.class));
        } catch (RuntimeException e) {
            LOG.warn("unreadable manager record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (!reader.isAlive() && reader.getState() == Thread.State.NEW) {
            // Never started: the reader never took the consumer over.
            consumer.close();
        } else {
            consumer.wakeup();
            reader.join(10_000);
        }
    }
}
