package io.insiders.stream.frames;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.PipelineSettings;
import io.insiders.stream.RangeView;
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
}
