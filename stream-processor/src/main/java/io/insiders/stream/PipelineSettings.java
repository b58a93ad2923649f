package io.insiders.stream;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the topology's rules depend on.
 *
 * @param retention how long frames and ranges are kept (and how old a frame may be to be accepted)
 * @param inactivityGap the longest pause within one activity range (bound included)
 * @param maxAhead how far ahead of now a frame's time may be
 * @param clock wall-clock time in epoch milliseconds
 * @param framePartitions how many partitions the frame topics have, asked when a task starts; 0 when unknown
 */
public record PipelineSettings(Duration retention, Duration inactivityGap, Duration maxAhead, LongSupplier clock,
                               IntSupplier framePartitions) {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_INACTIVITY_GAP = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

    public PipelineSettings {
        if (retention.compareTo(inactivityGap) <= 0) {
            throw new IllegalArgumentException("the retention must be longer than the inactivity gap");
        }
    }

    /** The product's defaults: 30 days of retention, 5-minute gaps, at most a day ahead, the system clock. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(DEFAULT_RETENTION, DEFAULT_INACTIVITY_GAP, DEFAULT_MAX_AHEAD, System::currentTimeMillis,
                () -> 0);
    }

    /** These settings with another retention. */
    public PipelineSettings withRetention(Duration newRetention) {
        return new PipelineSettings(newRetention, inactivityGap, maxAhead, clock, framePartitions);
    }

    /** These settings with another clock. */
    public PipelineSettings withClock(LongSupplier newClock) {
        return new PipelineSettings(retention, inactivityGap, maxAhead, newClock, framePartitions);
    }

    /** These settings with the frame topics' partition count, read when a task starts. */
    public PipelineSettings withFramePartitions(IntSupplier partitions) {
        return new PipelineSettings(retention, inactivityGap, maxAhead, clock, partitions);
    }
}
