package io.insiders.api.accounts;

import java.time.Duration;

import io.insiders.api.commands.CommandChannel;
import io.insiders.api.commands.CommandsUnavailableException;

/**
 * The API's side of the account commands: writes a command to {@code insiders.accounts.commands},
 * then waits for the account processor's result for a bounded time (see {@link CommandChannel}).
 */
public final class CommandGateway implements AutoCloseable {

    private final CommandChannel channel;

    public CommandGateway(String bootstrapServers) {
        this.channel = new CommandChannel(bootstrapServers, AccountCommandHandler.TOPICS);
    }

    /** Starts following the results, from their end now: returns once the position is taken, so no later result is missed. */
    public void start(Duration timeout) throws InterruptedException {
        channel.start(timeout);
    }

    /**
     * Writes the command and waits for its result.
     *
     * @throws AccountsUnavailableException when the command cannot be written, or its result does not come in time (it
     *     may still be applied later)
     */
    public CommandResult execute(AccountCommand command, Duration timeout) {
        try {
            byte[] result = channel.execute(command.correlationId(), AccountsJson.write(command), command.toString(), timeout,
                    AccountsUnavailableException.BUSY);
            return AccountsJson.read(result, CommandResult.class);
        } catch (CommandsUnavailableException e) {
            throw new AccountsUnavailableException(e.detail(), e.getMessage(), e.getCause());
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.close();
    }
}
