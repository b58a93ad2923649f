package io.insiders.stream.enrichment.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FieldIndexTest {

    private static final GeodesicPitch PARIS = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0);

    @Test
    void findsEachOfHundredsOfFieldsAroundTheWorld() {
        Random random = new Random(11L);
        Map<Long, GeodesicPitch> pitches = new LinkedHashMap<>();
        // A grid 2 degrees apart, so that no two fields overlap; two rows sit right on the antimeridian.
        for (int row = 0; row < 20; row++) {
            for (int column = 0; column < 20; column++) {
                double latitude = -40.0 + 4.0 * row + random.nextDouble();
                double longitude = column < 2 ? 179.9995 * (column == 0 ? 1 : -1) : -179.0 + 18.0 * column + random.nextDouble();
                pitches.put(random.nextLong(), GeodesicPitch.of(latitude, longitude, random.nextDouble() * 360.0, 110.0, 70.0));
            }
        }
        Map<Long, FieldGeometry> fields = new HashMap<>();
        pitches.forEach((id, pitch) -> fields.put(id, pitch.field("field " + id)));
        FieldIndex index = FieldIndex.of(fields);

        assertThat(index.size()).isEqualTo(400);
        pitches.forEach((id, pitch) -> {
            assertThat(index.locate(pitch.point(30.0, 50.0))).as("field %d", id).hasValueSatisfying(hit -> {
                assertThat(hit.fieldId()).isEqualTo(id);
                assertThat(hit.x()).isCloseTo(30.0, within(0.1));
                assertThat(hit.y()).isCloseTo(50.0, within(0.1));
            });
            assertThat(index.locate(pitch.point(30.0, 70.5))).as("beyond field %d", id).isEmpty();
            assertThat(index.locate(pitch.point(-0.5, 50.0))).as("before field %d", id).isEmpty();
        });
    }

    @Test
    void reportsTheSmallestIdWhereFieldsOverlap() {
        GeodesicPitch shifted = GeodesicPitch.of(48.8412, 2.253, 33.0, 155.0, 68.0);
        Map<Long, FieldGeometry> fields = new LinkedHashMap<>();
        fields.put(7L, shifted.field("training"));
        fields.put(3L, PARIS.field("main"));
        fields.put(-1L, GeodesicPitch.of(-33.89, 151.22, 160.0, 105.0, 68.0).field("Sydney"));
        FieldIndex index = FieldIndex.of(fields);

        assertThat(index.locate(PARIS.point(50.0, 30.0))).hasValueSatisfying(hit -> assertThat(hit.fieldId()).isEqualTo(3L));
        assertThat(index.locate(PARIS.point(130.0, 30.0))).hasValueSatisfying(hit -> {
            assertThat(hit.fieldId()).isEqualTo(7L);
            assertThat(hit.x()).isCloseTo(130.0, within(0.1));
        });
        assertThat(index.fields().keySet()).containsExactly(-1L, 3L, 7L);
        assertThat(index.field(7L)).contains(fields.get(7L));
        assertThat(index.field(8L)).isEmpty();
    }

    @Test
    void findsFieldsAcrossTheAntimeridianAndAroundThePole() {
        Map<Long, FieldGeometry> fields = Map.of(
                1L, GeodesicPitch.of(-16.8, 179.9995, 90.0, 107.0, 68.0).field("Fiji"),
                2L, GeodesicPitch.of(89.9995, 10.0, 340.0, 120.0, 80.0).field("North Pole"),
                3L, GeodesicPitch.of(-89.9995, 100.0, 200.0, 120.0, 80.0, false).field("South Pole"));
        FieldIndex index = FieldIndex.of(fields);

        assertThat(index.locate(-16.8001, 179.99999)).hasValueSatisfying(hit -> assertThat(hit.fieldId()).isEqualTo(1L));
        assertThat(index.locate(-16.8001, -179.99999)).hasValueSatisfying(hit -> assertThat(hit.fieldId()).isEqualTo(1L));
        for (double longitude : new double[] {-180.0, -45.0, 0.0, 90.0, 180.0}) {
            assertThat(index.locate(90.0, longitude)).hasValueSatisfying(hit -> assertThat(hit.fieldId()).isEqualTo(2L));
            assertThat(index.locate(-90.0, longitude)).hasValueSatisfying(hit -> assertThat(hit.fieldId()).isEqualTo(3L));
        }
        assertThat(index.locate(16.8001, 179.99999)).isEmpty();
        assertThat(index.locate(89.99, 10.0)).isEmpty();
    }

    @Test
    void findsNothingForInvalidCoordinatesOrWithoutFields() {
        FieldIndex index = FieldIndex.of(Map.of(1L, PARIS.field("main")));
        GeoPoint centre = PARIS.point(50.0, 30.0);
        assertThat(index.locate(centre)).isPresent();
        assertThat(index.locate(Double.NaN, centre.longitude())).isEmpty();
        assertThat(index.locate(centre.latitude(), Double.NaN)).isEmpty();
        assertThat(index.locate(90.5, centre.longitude())).isEmpty();
        assertThat(index.locate(centre.latitude(), centre.longitude() - 360.0)).isEmpty();
        assertThat(FieldIndex.empty().locate(centre)).isEmpty();
        assertThat(FieldIndex.of(Map.of())).isSameAs(FieldIndex.empty());
        assertThat(FieldIndex.empty().size()).isZero();
    }

    @Test
    void isACopy() {
        Map<Long, FieldGeometry> fields = new HashMap<>();
        fields.put(1L, PARIS.field("main"));
        FieldIndex index = FieldIndex.of(fields);
        fields.clear();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.locate(PARIS.point(50.0, 30.0))).isPresent();
        assertThat(index).hasToString("FieldIndex[1]");
    }

    @Test
    void rejectsMissingFields() {
        Map<Long, FieldGeometry> withNull = new HashMap<>();
        withNull.put(4L, null);
        assertThatNullPointerException().isThrownBy(() -> FieldIndex.of(withNull)).withMessage("geometry of field 4");
        assertThatNullPointerException().isThrownBy(() -> FieldIndex.of(null)).withMessage("fields");
    }
}
