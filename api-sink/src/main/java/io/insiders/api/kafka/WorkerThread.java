package io.insiders.api.kafka;

import java.time.Duration;

/**
 * A Kafka loop (a consume-transform-produce processor) on a thread of its own: started once, and
 * stopped by closing the loop, which wakes its consumer, then waiting for the thread to end.
 *
 * @param <W> the loop: it runs until closed
 */
public final class WorkerThread<W extends Runnable & AutoCloseable> {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final W worker;
    private final Thread thread;

    private WorkerThread(W worker, String name) {
        this.worker = worker;
        this.thread = new Thread(worker, name);
    }

    /** Starts {@code worker} on a new thread named {@code name}. */
    public static <W extends Runnable & AutoCloseable> WorkerThread<W> start(W worker, String name) {
        WorkerThread<W> started = new WorkerThread<>(worker, name);
        started.thread.start();
        return started;
    }

    /** Closes the loop and waits up to 30 s for its thread to end. */
    public void stop() {
        try {
            worker.close();
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + thread.getName(), e);
        }
    }
}
