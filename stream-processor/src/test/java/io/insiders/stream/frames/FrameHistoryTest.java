package io.insiders.stream.frames;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.RangeView;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frames store: one frame per (device, time), read by time range in either direction. */
class FrameHistoryTest {

    private static final long T = NOW.minus(Duration.ofHours(5)).toEpochMilli();
    private static final String OTHER = "864475041000055";

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice().provision(55, OTHER);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void aRangeFetchReturnsTheFramesOfThatRangeInTimeOrder() {
        for (long offset : new long[] {700, 100, 0, 500, 300, 200, 900, 400}) {
            pipeline.pipeJson(frame(DEVICE, T + offset));
        }
        pipeline.pipeJson(frame(OTHER, T + 250));

        assertThat(times(FrameHistory.between(pipeline.frameStore(), DEVICE, T + 100, T + 500, 100)))
                .containsExactly(T + 100, T + 200, T + 300, T + 400, T + 500);
        assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp)
                .containsExactly(T, T + 100, T + 200, T + 300, T + 400, T + 500, T + 700, T + 900);
        assertThat(pipeline.storedFrames(OTHER)).extracting(EnrichedFrame::getTimestamp).containsExactly(T + 250);
    }

    @Test
    void aFrameInASecondTheDeviceHasFramesInJoinsThemWhateverCameBetween() {
        // Seconds 0, 1 and 2, a late frame of second 1, then one of second 2 again: each joins its second's
        // frames, though the device last wrote another second (its newest second is what tells a new one).
        for (long offset : new long[] {0, 1_000, 2_000, 1_500, 2_500, 3_000, 900}) {
            pipeline.pipeJson(frame(DEVICE, T + offset));
        }

        assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp)
                .containsExactly(T, T + 900, T + 1_000, T + 1_500, T + 2_000, T + 2_500, T + 3_000);
    }

    @Test
    void aBackwardFetchGivesTheNewestFirst() {
        for (long offset : new long[] {300, 0, 200, 100}) {
            pipeline.pipeJson(frame(DEVICE, T + offset));
        }

        List<Long> newestFirst = times(FrameHistory.newest(pipeline.frameStore(), DEVICE, 10));

        assertThat(newestFirst).containsExactly(T + 300, T + 200, T + 100, T);
    }

    @Test
    void theStoredFrameIsTheEnrichedFrameAsPublished() {
        pipeline.pipeJson(frame(DEVICE, T));

        List<TestRecord<String, EnrichedFrame>> published = pipeline.enrichedRecords();
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(DEVICE);
            assertThat(record.timestamp()).isEqualTo(T);
            assertThat(record.value()).isEqualTo(pipeline.storedFrame(DEVICE, T));
            assertThat(record.value().getLatitude()).isEqualTo(48.8412);
            assertThat(record.value().getLongitude()).isEqualTo(2.253);
            assertThat(record.value().getAltitude()).isEqualTo(35.0);
            assertThat(record.value().getSpeed()).isEqualTo(1.83);
            assertThat(record.value().getGnssTimestamp()).isEqualTo(T);
            assertThat(record.value().getHeartRate()).isEqualTo(121);
        });
    }

    @Test
    void aFrameSentAgainWithOtherValuesReplacesTheEarlierAndIsPublishedAgain() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeJson(frame(DEVICE, T + 100));
        pipeline.enriched();
        pipeline.rangeChanges();

        Map<String, Object> corrected = frame(DEVICE, T);
        corrected.put("gnss.latitude", 48.8413);
        corrected.put("ecg.hr", 130);
        pipeline.pipeJson(corrected);

        assertThat(pipeline.enriched()).singleElement().satisfies(frame -> {
            assertThat(frame.getTimestamp()).isEqualTo(T);
            assertThat(frame.getLatitude()).isEqualTo(48.8413);
            assertThat(frame.getHeartRate()).isEqualTo(130);
        });
        EnrichedFrame stored = pipeline.storedFrame(DEVICE, T);
        assertThat(stored.getLatitude()).isEqualTo(48.8413);
        assertThat(stored.getHeartRate()).isEqualTo(130);
        assertThat(pipeline.storedFrames(DEVICE)).hasSize(2);
        assertThat(pipeline.rangeChanges()).as("the range has the same samples").isEmpty();
        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(new RangeView(DEVICE, T, T + 100, 2));
    }

    @Test
    void anIdenticalFrameChangesNothing() {
        pipeline.pipeJson(frame(DEVICE, T));
        EnrichedFrame first = pipeline.storedFrame(DEVICE, T);
        pipeline.enriched();
        pipeline.rangeChanges();

        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeAvro(PipelineDriver.avroFrame(DEVICE, T));

        assertThat(pipeline.outputsEmpty()).isTrue();
        assertThat(pipeline.storedFrame(DEVICE, T)).isEqualTo(first);
        assertThat(pipeline.storedFrames(DEVICE)).hasSize(1);
    }

    private static List<Long> times(List<EnrichedFrame> frames) {
        List<Long> times = new ArrayList<>();
        frames.forEach(frame -> times.add(frame.getTimestamp()));
        return times;
    }
}
