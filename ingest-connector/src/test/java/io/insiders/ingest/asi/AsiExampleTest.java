package io.insiders.ingest.asi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The specification's example file against the frames and counts it is documented to decode to. */
class AsiExampleTest {

    private static final double DEGREE_TOLERANCE = 1e-8;
    private static final double METRE_TOLERANCE = 1e-4;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void decodesToTheDocumentedFramesInTimeOrder() throws AsiFormatException {
        AsiDecoding decoding = AsiDecoder.decode(resource("match-short.asi"));
        JsonNode expected = json.readTree(resource("match-short.json"));

        List<AsiFix> frames = decoding.frames();
        JsonNode expectedFrames = expected.get("frames");
        assertThat(frames).hasSize(expectedFrames.size());
        for (int i = 0; i < frames.size(); i++) {
            AsiFix frame = frames.get(i);
            JsonNode want = expectedFrames.get(i);
            assertThat(frame.timestamp()).as("timestamp of frame %d", i).isEqualTo(want.get("timestamp").asLong());
            assertThat(frame.timestamp()).as("gnss.timestamp of frame %d", i).isEqualTo(want.get("gnss.timestamp").asLong());
            assertThat(frame.latitude()).as("latitude of frame %d", i)
                    .isCloseTo(want.get("gnss.latitude").asDouble(), within(DEGREE_TOLERANCE));
            assertThat(frame.longitude()).as("longitude of frame %d", i)
                    .isCloseTo(want.get("gnss.longitude").asDouble(), within(DEGREE_TOLERANCE));
            assertThat(frame.altitude()).as("altitude of frame %d", i)
                    .isCloseTo(want.get("gnss.altitude").asDouble(), within(METRE_TOLERANCE));
            assertThat(frame.speed()).as("speed of frame %d", i)
                    .isCloseTo(want.get("gnss.speed").asDouble(), within(METRE_TOLERANCE));
            assertThat(want.get("ecg.hr").isNull()).as("ecg.hr of frame %d is absent", i).isTrue();
        }
    }

    @Test
    void detailsListTheDocumentedRejectionsAndNoTruncation() throws AsiFormatException {
        Map<String, Object> details = AsiDecoder.decode(resource("match-short.asi")).details();
        JsonNode expected = json.readTree(resource("match-short.json"));

        Map<String, Object> rejected = new LinkedHashMap<>();
        expected.get("rejected").properties().forEach(e -> rejected.put(e.getKey(), e.getValue().asInt()));
        assertThat(details.get("rejected")).isEqualTo(rejected);
        assertThat(details.get("truncated")).isEqualTo(expected.get("truncated").asBoolean());
        assertThat(details)
                .containsEntry("frames", expected.get("frames").size())
                .containsEntry("first_frame_time", "2021-05-29T16:12:00Z")
                .containsEntry("last_frame_time", "2021-05-29T16:19:03.900000Z")
                .containsEntry("resyncs", 1)
                .containsEntry("resync_skipped_bytes", 8)
                .containsEntry("padding_at", 4562)
                .doesNotContainKey("truncated_at");
    }

    @Test
    void detailsSerialiseToJson() throws AsiFormatException {
        Map<String, Object> details = AsiDecoder.decode(resource("match-short.asi")).details();

        assertThat(json.writeValueAsString(details)).isEqualTo("{\"frames\":41,"
                + "\"rejected\":{\"invalid_time\":1,\"no_fix\":1,\"out_of_range\":1},"
                + "\"first_frame_time\":\"2021-05-29T16:12:00Z\",\"last_frame_time\":\"2021-05-29T16:19:03.900000Z\","
                + "\"truncated\":false,\"padding_at\":4562,\"resyncs\":1,\"resync_skipped_bytes\":8}");
    }

    @Test
    void writerStartsWithTheExampleFilesHeaderAndSchemaTable() {
        byte[] example = resource("match-short.asi");
        byte[] prologue = AsiWriter.prologueBytes();

        assertThat(prologue).hasSize(216);
        for (int i = 0; i < prologue.length; i++) {
            assertThat(prologue[i]).as("byte %d", i).isEqualTo(example[i]);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(AsiExampleTest.class.getResourceAsStream("/asi/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
