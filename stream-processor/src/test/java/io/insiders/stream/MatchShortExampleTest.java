package io.insiders.stream;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.DEVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.insiders.schemas.EnrichedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The spec's example match ({@code match-short.json}) published as JSON frames of one device. */
class MatchShortExampleTest {

    private static final List<RangeView> EXPECTED = List.of(
            RangeView.of(DEVICE, Instant.parse("2021-05-29T16:12:00Z"), Instant.parse("2021-05-29T16:12:01.900Z"), 20),
            RangeView.of(DEVICE, Instant.parse("2021-05-29T16:19:02Z"), Instant.parse("2021-05-29T16:19:03.900Z"), 21));
    private static final long LAST = Instant.parse("2021-05-29T16:19:03.900Z").toEpochMilli();

    private final List<Map<String, Object>> frames = PipelineDriver.exampleFrames(DEVICE);
    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice();
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void theExampleIsTwoRangesOfTwentyAndTwentyOneSamples() {
        frames.forEach(pipeline::pipeJson);

        assertThat(frames).hasSize(41);
        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.storedRanges(DEVICE)).isEqualTo(EXPECTED);
        assertThat(new ActivityRangeFold().applyAll(pipeline.rangeChanges()).ranges()).isEqualTo(EXPECTED);
        List<EnrichedFrame> enriched = pipeline.enriched();
        assertThat(enriched).hasSize(41).allSatisfy(frame -> assertThat(frame.getDeviceId()).isEqualTo(DEVICE_ID));
        assertThat(enriched).extracting(EnrichedFrame::getTimestamp)
                .containsExactlyElementsOf(frames.stream().map(f -> ((Number) f.get("timestamp")).longValue()).toList());
        assertThat(pipeline.storedFrames(DEVICE)).isEqualTo(enriched);
        assertThat(pipeline.latest(DEVICE)).isEqualTo(LAST);
    }

    @Test
    void publishingTheExampleAgainChangesNothing() {
        frames.forEach(pipeline::pipeJson);
        pipeline.enriched();
        pipeline.rangeChanges();
        List<EnrichedFrame> storedFrames = pipeline.storedFrames(DEVICE);

        frames.forEach(pipeline::pipeJson);
        pipeline.pipeJson(DEVICE, frames);

        assertThat(pipeline.outputsEmpty()).as("no output for frames already stored").isTrue();
        assertThat(pipeline.storedFrames(DEVICE)).isEqualTo(storedFrames);
        assertThat(pipeline.storedRanges(DEVICE)).isEqualTo(EXPECTED);
        assertThat(pipeline.latest(DEVICE)).isEqualTo(LAST);
    }

    @Test
    void theExampleAsOneArrayFromAGatewayGivesTheSameRanges() {
        // Keyed by the gateway, not the device: the frames are re-keyed through the internal topic.
        pipeline.pipeJson("gateway-7", frames);

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.storedRanges(DEVICE)).isEqualTo(EXPECTED);
        assertThat(pipeline.enriched()).hasSize(41);
    }

    @Test
    void theExampleShuffledGivesTheSameRangesAndLatest() {
        List<Map<String, Object>> shuffled = new ArrayList<>(frames);
        Collections.shuffle(shuffled, new Random(20210529));
        shuffled.forEach(pipeline::pipeJson);

        assertThat(pipeline.storedRanges(DEVICE)).isEqualTo(EXPECTED);
        assertThat(new ActivityRangeFold().applyAll(pipeline.rangeChanges()).ranges()).isEqualTo(EXPECTED);
        assertThat(pipeline.latest(DEVICE)).isEqualTo(LAST);
    }
}
