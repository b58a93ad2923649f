package io.insiders.api.registry;

import java.time.Duration;

import io.insiders.api.commands.CommandChannel;

/**
 * Registry commands from outside the application (an operator's tool): the same commands and rules as the API's,
 * applied by a running instance of the application.
 */
public final class RegistryClient implements AutoCloseable {

    private final CommandChannel channel;
    private final Duration timeout;

    private RegistryClient(CommandChannel channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
    }

    /** Follows the cluster's registry results, ready for commands. */
    public static RegistryClient connect(String bootstrapServers, Duration timeout) throws InterruptedException {
        CommandChannel channel = new CommandChannel(bootstrapServers, RegistryCommandHandler.TOPICS);
        channel.start(timeout);
        return new RegistryClient(channel, timeout);
    }

    /** Writes a command and waits for its result. */
    public RegistryResult execute(String type, Long managerId, Object payload) {
        return Registry.send(channel, type, managerId, payload, timeout, System.currentTimeMillis());
    }

    @Override
    public void close() throws InterruptedException {
        channel.close();
    }
}
