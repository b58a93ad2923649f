package io.insiders.api.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.insiders.ingest.kafka.CompactedTopicReader;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    private final CompactedTopicReader reader;

    public ManagerDirectory(String bootstrapServers) {
        this.reader = new CompactedTopicReader(bootstrapServers, Topics.ACCOUNTS_MANAGERS, "insiders-manager-directory", this::apply);
    }

    /** Starts reading the topic from its beginning. */
    public void start() {
        reader.start();
    }

    /** Waits until the directory has read the topic up to where it ended when the directory started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
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
        reader.close();
    }
}
