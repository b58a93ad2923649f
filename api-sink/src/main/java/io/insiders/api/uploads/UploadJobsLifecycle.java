package io.insiders.api.uploads;

import java.util.function.Supplier;

import io.insiders.api.kafka.WorkerThread;
import io.insiders.ingest.uploads.UploadJobProcessor;
import org.springframework.context.SmartLifecycle;

/** Runs the upload job processor on a thread of its own while the application runs. */
final class UploadJobsLifecycle implements SmartLifecycle {

    private final Supplier<UploadJobProcessor> processors;
    private WorkerThread<UploadJobProcessor> worker;

    UploadJobsLifecycle(Supplier<UploadJobProcessor> processors) {
        this.processors = processors;
    }

    @Override
    public synchronized void start() {
        worker = WorkerThread.start(processors.get(), "insiders-upload-jobs");
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

    /** With the stream processor: before the web server starts, after it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
