package io.insiders.stream.enrichment;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.DEVICE_ID;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Frame;
import io.insiders.stream.PipelineDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Enrichment through the topology: fields published on {@code insiders.fields} give frames on them a
 * field id and x, y in metres (on the enriched topic and in the frames store); frames off every field
 * get none. The geometry itself is tested in {@code enrichment.geometry}; this is the wiring.
 */
class EnrichmentTopologyTest {

    private static final double TOLERANCE = 0.1;
    private static final long T = NOW.minus(Duration.ofHours(6)).toEpochMilli();

    private static final Pitch PARIS = new Pitch(48.84105, 2.25265, 28.0, 105.0, 68.0);
    private static final Pitch SYDNEY = new Pitch(-33.89170, 151.22470, 161.0, 100.0, 64.0);
    /** On Taveuni, Fiji: the length runs east across the antimeridian. */
    private static final Pitch ANTIMERIDIAN = new Pitch(-16.80000, 179.99950, 90.0, 105.0, 68.0);
    /** About 110 m from the North Pole. */
    private static final Pitch NORTH_POLE = new Pitch(89.99900, 45.0, 10.0, 90.0, 50.0);

    private PipelineDriver pipeline;
    private long time = T;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice()
                .field(1, "Jean-Bouin", PARIS.corners())
                .field(2, "Moore Park", SYDNEY.corners())
                .field(3, "Taveuni", ANTIMERIDIAN.corners())
                .field(4, "Pole", NORTH_POLE.corners());
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    static Stream<Arguments> pitches() {
        return Stream.of(Arguments.of(1L, PARIS), Arguments.of(2L, SYDNEY), Arguments.of(3L, ANTIMERIDIAN),
                Arguments.of(4L, NORTH_POLE));
    }

    @ParameterizedTest
    @MethodSource("pitches")
    void aFrameOnAFieldGetsItsIdAndPosition(long fieldId, Pitch pitch) {
        double[][] positions = {{30.0, 20.0}, {pitch.length() - 0.5, pitch.width() - 0.5}, {0.5, 0.5},
            {pitch.length() / 2, pitch.width() / 2}};
        for (double[] position : positions) {
            EnrichedFrame enriched = send(pitch.point(position[0], position[1]));

            assertThat(enriched.getFieldId()).as("field at %s", List.of(position[0], position[1])).isEqualTo(fieldId);
            assertThat(enriched.getFieldX()).as("x").isCloseTo(position[0], within(TOLERANCE));
            assertThat(enriched.getFieldY()).as("y").isCloseTo(position[1], within(TOLERANCE));
            assertThat(pipeline.storedFrame(DEVICE, enriched.getTimestamp())).isEqualTo(enriched);
        }
    }

    @ParameterizedTest
    @MethodSource("pitches")
    void aFrameOffTheFieldHasNoField(long fieldId, Pitch pitch) {
        double[][] positions = {{-5.0, 20.0}, {pitch.length() + 5.0, 20.0}, {30.0, -5.0}, {30.0, pitch.width() + 5.0}};
        for (double[] position : positions) {
            EnrichedFrame enriched = send(pitch.point(position[0], position[1]));

            assertThat(enriched.getFieldId()).as("field %d at %s", fieldId, List.of(position[0], position[1])).isNull();
            assertThat(enriched.getFieldX()).isNull();
            assertThat(enriched.getFieldY()).isNull();
            assertThat(pipeline.storedFrame(DEVICE, enriched.getTimestamp())).isEqualTo(enriched);
        }
    }

    @Test
    void aFrameWithoutPositionHasNoField() {
        Map<String, Object> frame = frame(DEVICE, T);
        frame.put("gnss.latitude", null);
        frame.put("gnss.longitude", null);
        pipeline.pipeJson(frame);

        EnrichedFrame enriched = pipeline.enriched().get(0);
        assertThat(enriched.getFieldId()).isNull();
        assertThat(enriched.getFieldX()).isNull();
        assertThat(enriched.getDeviceId()).isEqualTo(DEVICE_ID);
    }

    @Test
    void anAvroFrameIsEnrichedLikeAJsonOne() {
        double[] point = PARIS.point(40.0, 10.0);
        pipeline.pipeAvro(Frame.newBuilder(PipelineDriver.avroFrame(DEVICE, T)).setLatitude(point[0]).setLongitude(point[1]).build());

        EnrichedFrame enriched = pipeline.enriched().get(0);
        assertThat(enriched.getFieldId()).isEqualTo(1L);
        assertThat(enriched.getFieldX()).isCloseTo(40.0, within(TOLERANCE));
        assertThat(enriched.getFieldY()).isCloseTo(10.0, within(TOLERANCE));
    }

    @Test
    void aFieldPublishedLaterEnrichesAFrameSentAgain() {
        Pitch later = new Pitch(51.55600, -0.27950, 75.0, 105.0, 68.0);
        double[] point = later.point(52.5, 34.0);
        EnrichedFrame before = send(point);
        assertThat(before.getFieldId()).isNull();
        pipeline.rangeChanges();

        pipeline.field(9, "Wembley", later.corners());
        pipeline.pipeJson(frameAt(point, before.getTimestamp()));

        EnrichedFrame after = pipeline.enriched().get(0);
        assertThat(after.getFieldId()).isEqualTo(9L);
        assertThat(after.getFieldX()).isCloseTo(52.5, within(TOLERANCE));
        assertThat(after.getFieldY()).isCloseTo(34.0, within(TOLERANCE));
        assertThat(pipeline.storedFrame(DEVICE, before.getTimestamp())).isEqualTo(after);
        assertThat(pipeline.storedFrames(DEVICE)).hasSize(1);
        assertThat(pipeline.rangeChanges()).as("the same sample: the range is unchanged").isEmpty();
    }

    @Test
    void aDeletedFieldNoLongerEnriches() {
        pipeline.deleteField(1);

        assertThat(send(PARIS.point(30.0, 20.0)).getFieldId()).isNull();
        assertThat(send(SYDNEY.point(30.0, 20.0)).getFieldId()).isEqualTo(2L);
    }

    @Test
    void aFieldRedefinedElsewhereMovesWithIt() {
        Pitch moved = new Pitch(40.45300, -3.68830, 0.0, 105.0, 68.0);
        pipeline.field(1, "Bernabeu", moved.corners());

        assertThat(send(PARIS.point(30.0, 20.0)).getFieldId()).isNull();
        EnrichedFrame enriched = send(moved.point(30.0, 20.0));
        assertThat(enriched.getFieldId()).isEqualTo(1L);
        assertThat(enriched.getFieldX()).isCloseTo(30.0, within(TOLERANCE));
    }

    @Test
    void anUnreadableFieldRecordLeavesThePreviousVersion() {
        pipeline.fieldBytes("1", bytes("{\"id\": 1, \"name\": \"broken\", \"corners\": []}"));
        pipeline.fieldBytes("1", bytes("{\"id\": 1, \"name\": \"broken"));
        pipeline.field(2, "Moore Park", List.of(SYDNEY.point(0, 0), SYDNEY.point(100, 0), SYDNEY.point(100, 64)));

        assertThat(send(PARIS.point(30.0, 20.0)).getFieldId()).isEqualTo(1L);
        assertThat(send(SYDNEY.point(30.0, 20.0)).getFieldId()).isEqualTo(2L);
    }

    @Test
    void aFieldRecordUnderAnotherKeyIsRefused() {
        Pitch elsewhere = new Pitch(45.76540, 4.98180, 0.0, 105.0, 68.0);
        pipeline.fieldBytes("5", PipelineDriver.json(Map.of("id", 6, "name", "Lyon", "corners",
                elsewhere.corners().stream().map(c -> Map.of("latitude", c[0], "longitude", c[1])).toList())));

        assertThat(send(elsewhere.point(30.0, 20.0)).getFieldId()).isNull();
    }

    private EnrichedFrame send(double[] point) {
        time += 100;
        pipeline.pipeJson(frameAt(point, time));
        List<EnrichedFrame> enriched = pipeline.enriched();
        assertThat(enriched).hasSize(1);
        return enriched.get(0);
    }

    private static Map<String, Object> frameAt(double[] point, long time) {
        Map<String, Object> frame = frame(DEVICE, time);
        frame.put("gnss.latitude", point[0]);
        frame.put("gnss.longitude", point[1]);
        return frame;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
