package io.insiders.api.accounts;

import java.time.Duration;

import io.insiders.api.commands.SerialCommandProcessor;
import io.insiders.api.kafka.WorkerThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the accounts once the topics exist (the application's lifecycle starts after every bean is
 * ready, {@code KafkaAdmin}'s topic creation included): the directory, the gateway's reading of the
 * results, and the account processor on a thread of its own. Holds the web server back until the
 * directory has read every account, so that the first requests authenticate against all of them.
 */
final class AccountsLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsLifecycle.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final ManagerDirectory directory;
    private final CommandGateway gateway;
    private final String bootstrapServers;
    private WorkerThread<SerialCommandProcessor> processor;

    AccountsLifecycle(ManagerDirectory directory, CommandGateway gateway, String bootstrapServers) {
        this.directory = directory;
        this.gateway = gateway;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public synchronized void start() {
        directory.start();
        processor = WorkerThread.start(new SerialCommandProcessor(bootstrapServers, AccountCommandHandler.TOPICS,
                new AccountCommandHandler(System::currentTimeMillis)), "insiders-accounts-processor");
        try {
            gateway.start(CATCH_UP);
            if (!directory.awaitCaughtUp(CATCH_UP)) {
                LOG.warn("the manager directory has not read every account after {}: starting anyway", CATCH_UP);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        processor.stop();
        processor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return processor != null;
    }

    /** With the stream processor and the upload jobs: before the web server starts, after it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
