package io.insiders.api.uploads;

import java.util.function.Supplier;

import io.insiders.ingest.uploads.UploadJobProcessor;
import org.springframework.context.SmartLifecycle;

/** Runs the upload job processor on a thread of its own while the application runs. */
final class UploadJobsLifecycle implements SmartLifecycle {

    private final Supplier<UploadJobProcessor> processors;
    private UploadJobProcessor processor;
    private Thread thread;

    UploadJobsLifecycle(Supplier<UploadJobProcessor> processors) {
        this.processors = processors;
    }

    @Override
    public synchronized void start() {
        processor = processors.get();
        thread = new Thread(processor, "insiders-upload-jobs");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        processor.close();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    /** With the stream processor: before the web server starts, after it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
