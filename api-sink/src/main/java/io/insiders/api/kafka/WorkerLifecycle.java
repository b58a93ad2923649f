package io.insiders.api.kafka;

import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a Kafka loop on a {@link WorkerThread} while the application runs: a new loop at each start,
 * closed at stop. The phase orders it among the others (the web server starts last and stops first).
 *
 * @param <W> the loop
 */
public final class WorkerLifecycle<W extends Runnable & AutoCloseable> implements SmartLifecycle {

    /** Before the web server starts, after it stops; the stream processor starts just before the loops of this phase. */
    public static final int BEFORE_WEB = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final String name;
    private final int phase;
    private final Supplier<W> loops;
    private final Runnable afterStart;
    private WorkerThread<W> worker;

    /**
     * @param name the thread's name
     * @param phase when it starts and stops among the others
     * @param loops makes the loop to run
     * @param afterStart what else must be ready before the next phases start (views to catch up, say)
     */
    public WorkerLifecycle(String name, int phase, Supplier<W> loops, Runnable afterStart) {
        this.name = name;
        this.phase = phase;
        this.loops = loops;
        this.afterStart = afterStart;
    }

    /** A loop with nothing else to wait for. */
    public WorkerLifecycle(String name, int phase, Supplier<W> loops) {
        this(name, phase, loops, () -> { });
    }

    @Override
    public synchronized void start() {
        worker = WorkerThread.start(loops.get(), name);
        afterStart.run();
    }

    @Override
    public synchronized void stop() {
        worker.stop();
        worker = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
