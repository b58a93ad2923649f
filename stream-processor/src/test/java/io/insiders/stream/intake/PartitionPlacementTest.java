package io.insiders.stream.intake;

import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import io.insiders.stream.PipelineDriver;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frames keyed by their device but written to another partition than Kafka's partitioner gives that
 * key (librdkafka's default partitioner, say) are re-keyed, so that they reach the task that owns
 * the device. The test driver reads every record from partition 0 of topics of six partitions.
 */
class PartitionPlacementTest {

    private static final int PARTITIONS = 6;

    private PipelineDriver pipeline;
    private TestOutputTopic<String, Frame> rekeyed;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver(PipelineDriver.NOW, PARTITIONS);
        rekeyed = pipeline.driver().createOutputTopic(Topics.FRAMES_REKEYED, new StringDeserializer(), Serdes.frame().deserializer());
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void aFrameOnItsDevicesPartitionStaysInPlace() {
        String device = deviceOnPartition(0);
        pipeline.provision(1, device);

        pipeline.pipeJson(frame(device, time()));

        assertThat(rekeyed.isEmpty()).isTrue();
        assertThat(pipeline.storedFrames(device)).hasSize(1);
    }

    @Test
    void aFrameOnAnotherPartitionIsReKeyedToItsDevicesPartition() {
        String device = deviceOnPartition(3);
        pipeline.provision(1, device);

        pipeline.pipeJson(frame(device, time()));

        assertThat(rekeyed.readKeyValuesToList()).singleElement().satisfies(record -> assertThat(record.key).isEqualTo(device));
    }

    private static long time() {
        return PipelineDriver.NOW.minus(Duration.ofHours(1)).toEpochMilli();
    }

    /** A device name that Kafka's default partitioner puts on {@code partition} of six. */
    private static String deviceOnPartition(int partition) {
        for (int i = 0; ; i++) {
            String name = "86447504100" + String.format("%04d", i);
            if (Utils.toPositive(Utils.murmur2(name.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition) {
                return name;
            }
        }
    }
}
