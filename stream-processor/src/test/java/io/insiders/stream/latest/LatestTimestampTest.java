package io.insiders.stream.latest;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.avroFrame;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.insiders.stream.PipelineDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each device's latest timestamp: the largest frame time seen, whatever the arrival order. */
class LatestTimestampTest {

    private static final long T = NOW.minus(Duration.ofHours(3)).toEpochMilli();
    private static final String OTHER = "864475041000077";

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice().provision(77, OTHER);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void noFrameNoLatest() {
        assertThat(pipeline.latest(DEVICE)).isNull();
    }

    @Test
    void theLatestIsTheNewestFrameTime() {
        pipeline.pipeJson(frame(DEVICE, T));
        assertThat(pipeline.latest(DEVICE)).isEqualTo(T);

        pipeline.pipeJson(frame(DEVICE, T + 1));
        assertThat(pipeline.latest(DEVICE)).isEqualTo(T + 1);
    }

    @Test
    void anOlderFrameAfterANewerOneDoesNotMoveItBack() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeJson(frame(DEVICE, T - 1));
        pipeline.pipeAvro(avroFrame(DEVICE, T - Duration.ofDays(3).toMillis()));
        pipeline.pipeJson(DEVICE, List.of(frame(DEVICE, T - 5), frame(DEVICE, T - 6)));

        assertThat(pipeline.storedFrames(DEVICE)).hasSize(5);
        assertThat(pipeline.latest(DEVICE)).isEqualTo(T);
    }

    @Test
    void aReplacedFrameAtTheLatestTimeKeepsIt() {
        pipeline.pipeJson(frame(DEVICE, T));
        Map<String, Object> changed = frame(DEVICE, T);
        changed.put("ecg.hr", 150);
        pipeline.pipeJson(changed);

        assertThat(pipeline.latest(DEVICE)).isEqualTo(T);
    }

    @Test
    void refusedFramesDoNotCount() {
        pipeline.pipeJson(frame(DEVICE, T));
        Map<String, Object> refused = frame(DEVICE, T + 1000);
        refused.put("gnss.speed", 500.0);
        pipeline.pipeJson(refused);
        pipeline.pipeJson(frame(DEVICE, NOW.plus(Duration.ofDays(2)).toEpochMilli()));

        assertThat(pipeline.deadLetters()).hasSize(2);
        assertThat(pipeline.latest(DEVICE)).isEqualTo(T);
    }

    @Test
    void eachDeviceHasItsOwn() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeJson(frame(OTHER, T - 10));
        pipeline.pipeJson(frame(OTHER, T - 20));

        assertThat(pipeline.latest(DEVICE)).isEqualTo(T);
        assertThat(pipeline.latest(OTHER)).isEqualTo(T - 10);
    }
}
