package io.insiders.stream.devices;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.DEVICE_ID;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.frame;
import static io.insiders.stream.PipelineDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.intake.DeadLetters;
import io.insiders.stream.intake.Rejection;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device registry through the topology: enriched frames carry the registry's device id, kept current. */
class DeviceRegistryTest {

    private static final long T = NOW.minus(Duration.ofHours(2)).toEpochMilli();
    private static final String OTHER = "864475041000042";

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
    void enrichedFramesCarryTheDeviceIdOfTheRegistry() {
        pipeline.provision(42, OTHER);
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeJson(frame(OTHER, T));

        List<EnrichedFrame> enriched = pipeline.enriched();
        assertThat(enriched).extracting(EnrichedFrame::getDeviceName).containsExactly(DEVICE, OTHER);
        assertThat(enriched).extracting(EnrichedFrame::getDeviceId).containsExactly(DEVICE_ID, 42L);
        assertThat(pipeline.storedFrame(OTHER, T).getDeviceId()).isEqualTo(42L);
    }

    @Test
    void aDeviceProvisionedAfterFramesFlowIsAccepted() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.pipeJson(frame(OTHER, T));
        assertThat(reasons()).containsExactly(Rejection.Reason.UNKNOWN_DEVICE.name());

        pipeline.provision(42, OTHER);
        pipeline.pipeJson(frame(OTHER, T + 1));

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.storedFrame(OTHER, T + 1).getDeviceId()).isEqualTo(42L);
    }

    @Test
    void aFirmwareUpgradeKeepsTheDevice() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.provision(DEVICE_ID, DEVICE, "2.0.0");
        pipeline.pipeJson(frame(DEVICE, T + 1));

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.enriched()).extracting(EnrichedFrame::getDeviceId).containsExactly(DEVICE_ID, DEVICE_ID);
    }

    @Test
    void aRenamedDeviceIsKnownByItsNewNameOnly() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.provision(DEVICE_ID, OTHER);
        pipeline.pipeJson(frame(DEVICE, T + 1));
        pipeline.pipeJson(frame(OTHER, T + 2));

        assertThat(reasons()).containsExactly(Rejection.Reason.UNKNOWN_DEVICE.name());
        assertThat(pipeline.storedFrame(OTHER, T + 2).getDeviceId()).isEqualTo(DEVICE_ID);
    }

    @Test
    void aDeletedDeviceIsUnknown() {
        pipeline.pipeJson(frame(DEVICE, T));
        pipeline.provisioningBytes(Long.toString(DEVICE_ID), null);
        pipeline.pipeJson(frame(DEVICE, T + 1));

        assertThat(reasons()).containsExactly(Rejection.Reason.UNKNOWN_DEVICE.name());
        assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp).containsExactly(T);
    }

    @Test
    void unreadableOrMiskeyedProvisioningRecordsAreIgnored() {
        pipeline.provisioningBytes("43", utf8("{\"id\": 43"));
        pipeline.provisioningBytes("44", utf8("{\"id\": 45, \"device_name\": \"351000000000045\"}"));
        pipeline.provisioningBytes("46", utf8("{\"id\": 46}"));
        pipeline.provisioningBytes(Long.toString(DEVICE_ID), utf8("[]"));
        pipeline.provisioningBytes(null, utf8("{\"id\": 47, \"device_name\": \"351000000000047\"}"));

        pipeline.pipeJson(frame("351000000000045", T));
        pipeline.pipeJson(frame("351000000000047", T));
        pipeline.pipeJson(frame(DEVICE, T));

        assertThat(reasons()).containsExactly(Rejection.Reason.UNKNOWN_DEVICE.name(), Rejection.Reason.UNKNOWN_DEVICE.name());
        assertThat(pipeline.storedFrame(DEVICE, T).getDeviceId()).isEqualTo(DEVICE_ID);
    }

    private List<String> reasons() {
        return pipeline.deadLetters().stream().map(DeviceRegistryTest::reason).toList();
    }

    private static String reason(TestRecord<byte[], byte[]> record) {
        return utf8(record.headers().lastHeader(DeadLetters.REASON).value());
    }
}
