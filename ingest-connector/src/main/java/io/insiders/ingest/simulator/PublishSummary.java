package io.insiders.ingest.simulator;

import java.time.Duration;

/**
 * What a {@link LivePublisher} has sent so far, or in all.
 *
 * @param devices     devices played
 * @param provisioned device records published on {@code insiders.devices.provisioning}
 * @param frames      frames handed to the producer
 * @param messages    frame messages (records) handed to the producer: fewer than frames for JSON arrays
 * @param elapsed     time since the first frame was sent; in a final summary, until every frame was acknowledged
 * @param stopped     whether the run was stopped before the end of its duration
 */
public record PublishSummary(int devices, int provisioned, long frames, long messages, Duration elapsed, boolean stopped) {

    /** Frames per second over {@link #elapsed()}. */
    public double framesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0.0 : frames * 1e9 / nanos;
    }
}
