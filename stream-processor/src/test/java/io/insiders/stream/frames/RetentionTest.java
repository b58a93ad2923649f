package io.insiders.stream.frames;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.PipelineSettings;
import io.insiders.stream.RangeView;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Frames and ranges are kept for the retention, then deleted, with their changelogs, as the wall clock moves on. */
class RetentionTest {

    private static final Duration RETENTION = PipelineSettings.DEFAULT_RETENTION;

    private PipelineDriver pipeline;
    private long old;
    private long recent;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice();
        old = pipeline.now().minus(Duration.ofDays(20)).toEpochMilli();
        recent = pipeline.now().minus(Duration.ofDays(2)).toEpochMilli();
        for (long time : new long[] {old, old + 100, old + 200, recent, recent + 100}) {
            pipeline.pipeJson(frame(DEVICE, time));
        }
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void whatIsWithinTheRetentionStays() {
        pipeline.advanceWallClock(Duration.ofDays(9));

        assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp)
                .containsExactly(old, old + 100, old + 200, recent, recent + 100);
        assertThat(pipeline.storedRanges(DEVICE)).extracting(RangeView::start).containsExactly(old, recent);
    }

    @Test
    void framesAndRangesOlderThanTheRetentionAreDeleted() {
        // The old frames are 20 days old; 11 days later they are past the 30 days, the recent ones are not.
        pipeline.advanceWallClock(Duration.ofDays(11));

        assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp).containsExactly(recent, recent + 100);
        assertThat(pipeline.storedRanges(DEVICE)).extracting(RangeView::start).containsExactly(recent);
        assertThat(pipeline.latest(DEVICE)).isEqualTo(recent + 100);
    }

    @Test
    void everythingGoesOnceTheNewestFrameIsPastTheRetention() {
        pipeline.advanceWallClock(RETENTION.plusDays(2));

        assertThat(pipeline.storedFrames(DEVICE)).isEmpty();
        assertThat(pipeline.storedRanges(DEVICE)).isEmpty();
    }

    @Test
    void aSecondAndMinuteCutByTheExpiryTakeNewFramesWithoutTheExpiredOnes() {
        // The device's last frames fall on both sides of the cutoff, in one second and one minute, which then gets
        // another frame: what the pipeline remembers of the device's newest second and minute is what expiry left.
        pipeline.advanceWallClock(Duration.ofSeconds(1)); // the first recount done: it would hide a stale count
        long second = FrameHistory.blockOf(pipeline.now().minus(Duration.ofDays(25)).toEpochMilli()) + 1_000;
        pipeline.pipeJson(frame(DEVICE, second + 100)).pipeJson(frame(DEVICE, second + 300));
        long cutoff = second + 200;
        pipeline.advanceWallClock(Duration.ofMillis(cutoff + RETENTION.toMillis() - pipeline.now().toEpochMilli()));

        pipeline.pipeJson(frame(DEVICE, second + 500));

        assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp)
                .containsExactly(second + 300, second + 500, old, old + 100, old + 200, recent, recent + 100);
        KeyValueStore<Bytes, byte[]> counts = pipeline.driver().getKeyValueStore(FrameCounts.STORE);
        long minute = FrameCounts.bucketOf(second);
        assertThat(FrameCounts.buckets(counts, DEVICE, minute, minute)).containsExactly(new FrameBucket(minute, 2, 3));
    }
}
