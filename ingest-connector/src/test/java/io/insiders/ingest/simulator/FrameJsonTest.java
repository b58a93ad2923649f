package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.insiders.schemas.Frame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FrameJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DOCUMENTED_KEYS = List.of("device_name", "timestamp", "gnss.latitude", "gnss.longitude",
            "gnss.altitude", "gnss.speed", "gnss.timestamp", "ecg.hr");

    @Test
    void aFrameHasExactlyTheDocumentedKeysAndItsValues() {
        Frame frame = new Frame("864475041000000", 1622304720000L, 48.8412, 2.253, 35.0, 1.83, 1622304720000L, 121);

        JsonNode json = JSON.readTree(FrameJson.object(frame));

        assertThat(json.propertyNames()).containsExactlyElementsOf(DOCUMENTED_KEYS);
        assertThat(FrameJson.KEYS).isEqualTo(DOCUMENTED_KEYS);
        assertThat(json.get("device_name").asString()).isEqualTo("864475041000000");
        assertThat(json.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(json.get("timestamp").asLong()).isEqualTo(1622304720000L);
        assertThat(json.get("gnss.latitude").asDouble()).isEqualTo(48.8412);
        assertThat(json.get("gnss.longitude").asDouble()).isEqualTo(2.253);
        assertThat(json.get("gnss.altitude").asDouble()).isEqualTo(35.0);
        assertThat(json.get("gnss.speed").asDouble()).isEqualTo(1.83);
        assertThat(json.get("gnss.timestamp").asLong()).isEqualTo(1622304720000L);
        assertThat(json.get("ecg.hr").isIntegralNumber()).isTrue();
        assertThat(json.get("ecg.hr").asInt()).isEqualTo(121);
    }

    @Test
    void aFrameWithoutHeartRateSaysNull() {
        Frame frame = new Frame("d", 1622304720100L, 48.8412, 2.253, 35.0, 0.0, 1622304720100L, null);

        JsonNode json = JSON.readTree(FrameJson.object(frame));

        assertThat(json.propertyNames()).containsExactlyElementsOf(DOCUMENTED_KEYS);
        assertThat(json.get("ecg.hr").isNull()).isTrue();
    }

    @Test
    void aSecondOfFramesIsAnArrayOfTen() {
        List<Frame> second = SimulatedSession.of("864475041000001", 1L, PitchModel.paris(), Instant.parse("2021-05-29T16:00:00Z"),
                Duration.ofSeconds(1)).frameStream().toList();

        JsonNode json = JSON.readTree(FrameJson.array(second));

        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            JsonNode element = json.get(i);
            assertThat(element.propertyNames()).containsExactlyElementsOf(DOCUMENTED_KEYS);
            assertThat(element.get("timestamp").asLong()).isEqualTo(second.get(i).getTimestamp());
            assertThat(element.get("gnss.latitude").asDouble()).isEqualTo(second.get(i).getLatitude());
            assertThat(element.get("ecg.hr").isNull()).isEqualTo(i != 0);
        }
    }
}
