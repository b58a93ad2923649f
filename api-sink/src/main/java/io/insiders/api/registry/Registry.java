package io.insiders.api.registry;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.insiders.api.commands.CommandChannel;
import io.insiders.api.commands.CommandsUnavailableException;
import io.insiders.api.web.ApiException;
import io.insiders.ingest.kafka.CompactedTopicReader;
import io.insiders.schemas.Topics;
import org.springframework.http.HttpStatus;

/**
 * The registry: what managers change about their devices and their club (ownerships, custom names,
 * Bluetooth configurations, fields, activities), kept in Kafka (see {@code docs/registry.md}).
 * Every instance reads the whole compacted {@code insiders.registry.state} topic into its
 * {@link #state() state}; changes go through {@link #execute commands} that one processor in the
 * cluster applies one at a time, so rules across requests (one owner per device) hold under races.
 */
public final class Registry implements AutoCloseable {

    /** What a client is told when a command is not answered in time. */
    static final String BUSY = "The registry is busy; try again in " + CommandsUnavailableException.RETRY_AFTER_SECONDS + " seconds.";

    private final RegistryState state = new RegistryState();
    private final CompactedTopicReader reader;
    private final CommandChannel channel;
    private final Duration timeout;
    private final LongSupplier clock;

    Registry(String bootstrapServers, Duration timeout, LongSupplier clock) {
        this.reader = new CompactedTopicReader(bootstrapServers, Topics.REGISTRY_STATE, "insiders-registry-view",
                record -> RegistryCommandHandler.apply(state, record));
        this.channel = new CommandChannel(bootstrapServers, RegistryCommandHandler.TOPICS);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The registry as this instance knows it: every committed change, and the changes it made itself. */
    public RegistryState state() {
        return state;
    }

    /**
     * Has the command applied and answers its result; the changes it made are in {@link #state()} when it returns.
     *
     * @param type the command's type, {@code <feature>.<action>}
     * @param managerId who asks, or null for the system
     * @param payload the command's arguments (a record, turned to JSON)
     * @throws CommandsUnavailableException 503 when the command cannot be written or answered in time
     */
    public RegistryResult execute(String type, Long managerId, Object payload) {
        RegistryResult result = send(channel, type, managerId, payload, timeout, clock.getAsLong());
        result.changes().forEach(change -> state.apply(change.key(), change.value(), result.commandOffset()));
        return result;
    }

    /** Writes a command through the channel and waits for its result. */
    static RegistryResult send(CommandChannel channel, String type, Long managerId, Object payload, Duration timeout, long now) {
        RegistryCommand command = new RegistryCommand(type, "registry-" + UUID.randomUUID(), managerId, RegistryJson.tree(payload), now);
        byte[] answer = channel.execute(command.correlationId(), RegistryJson.write(command),
                "registry command " + type + " " + command.correlationId(), timeout, BUSY);
        return RegistryJson.read(answer, RegistryResult.class);
    }

    /**
     * Has the command applied and answers its body as a value of that type when it was applied.
     *
     * @throws ApiException with the command's status and body when it was refused
     */
    public <T> T require(String type, Long managerId, Object payload, Class<T> answer) {
        RegistryResult result = execute(type, managerId, payload);
        if (!result.applied()) {
            throw new ApiException(HttpStatus.valueOf(result.status()), RegistryJson.value(result.body(), Map.class));
        }
        return result.body(answer);
    }

    void start(Duration catchUp) throws InterruptedException {
        reader.start();
        channel.start(catchUp);
        reader.awaitCaughtUp(catchUp);
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
        channel.close();
    }
}
