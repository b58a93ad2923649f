package io.insiders.stream.enrichment.geometry;

import static io.insiders.schemas.testing.PropertyCheck.decimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.insiders.schemas.testing.PropertyCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pitches of any size, orientation and handedness anywhere on Earth (poles and antimeridian included), checked against
 * GeographicLib's geodesics (see {@link GeodesicPitch}).
 */
class FieldGeometryPropertiesTest {

    /** The required agreement with the geodesic truth, metres. */
    private static final double TOLERANCE = 0.1;

    @Test
    void positionsMatchTheGeodesicCoordinates() {
        PropertyCheck.forAll("positions match the geodesic coordinates", 1000, Inside::random, inside -> {
            GeodesicPitch pitch = inside.pitch();
            double x = inside.alongLength() * pitch.length();
            double y = inside.alongWidth() * pitch.width();
            GeoPoint point = pitch.point(x, y);
            assertThat(pitch.field("pitch").locate(point)).as("%s at (%.3f, %.3f)", point, x, y).hasValueSatisfying(p -> {
                assertThat(p.x()).as("x").isCloseTo(x, within(TOLERANCE));
                assertThat(p.y()).as("y").isCloseTo(y, within(TOLERANCE));
            });
        });
    }

    /**
     * The same positions seen through distances only: from the origin and from the second corner, in the plane against
     * GeographicLib's inverse geodesic distances. This does not rely on how the reference draws perpendiculars.
     */
    @Test
    void distancesMatchTheGeodesicDistances() {
        PropertyCheck.forAll("distances match the geodesic distances", 500, Inside::random, inside -> {
            GeodesicPitch pitch = inside.pitch();
            FieldGeometry field = pitch.field("pitch");
            GeoPoint point = pitch.point(inside.alongLength() * pitch.length(), inside.alongWidth() * pitch.width());
            FieldPosition p = field.locate(point).orElseThrow();
            FieldPosition lengthCorner = field.cornerPositions().get(1);
            assertThat(Math.hypot(p.x(), p.y())).as("distance of %s from the origin", point)
                    .isCloseTo(GeodesicPitch.distance(field.corners().get(0), point), within(TOLERANCE));
            assertThat(Math.hypot(p.x() - lengthCorner.x(), p.y() - lengthCorner.y())).as("distance of %s from corner 2", point)
                    .isCloseTo(GeodesicPitch.distance(field.corners().get(1), point), within(TOLERANCE));
        });
    }

    @Test
    void cornersAreAtTheirNominalPositions() {
        PropertyCheck.forAll("corners are at their nominal positions", 500, FieldGeometryPropertiesTest::randomPitch, pitch -> {
            FieldGeometry field = pitch.field("pitch");
            double[][] expected = {{0.0, 0.0}, {pitch.length(), 0.0}, {pitch.length(), pitch.width()}, {0.0, pitch.width()}};
            for (int i = 0; i < 4; i++) {
                FieldPosition p = field.locate(field.corners().get(i)).orElseThrow();
                assertThat(p.x()).as("x of corner %d", i + 1).isCloseTo(expected[i][0], within(0.01));
                assertThat(p.y()).as("y of corner %d", i + 1).isCloseTo(expected[i][1], within(0.01));
            }
        });
    }

    @Test
    void pointsBeyondAnEdgeAreNotOnTheField() {
        PropertyCheck.forAll("points beyond an edge are not on the field", 1000, Beyond::random, beyond -> {
            GeodesicPitch pitch = beyond.pitch();
            double x = beyond.along() * pitch.length();
            double y = beyond.along() * pitch.width();
            double out = beyond.distance();
            GeoPoint point = switch (beyond.edge()) {
                case 0 -> pitch.point(x, -out);
                case 1 -> pitch.point(pitch.length() + out, y);
                case 2 -> pitch.point(x, pitch.width() + out);
                default -> pitch.point(-out, y);
            };
            assertThat(pitch.field("pitch").locate(point)).as("%s, %.3f m beyond edge %d", point, out, beyond.edge() + 1)
                    .isEmpty();
        });
    }

    /** A pitch anywhere, poles and antimeridian included, of any orientation, size and handedness. */
    private static GeodesicPitch randomPitch(SplittableRandom r) {
        return GeodesicPitch.of(decimal(r, -89.9999, 89.9999, 7), decimal(r, -180.0, 180.0, 7), decimal(r, -180.0, 180.0, 6),
                decimal(r, 105.0, 120.0, 3), decimal(r, 68.0, 80.0, 3), r.nextBoolean());
    }

    /** A fraction of the way along a side, 0 and 1 included. */
    private static double fraction(SplittableRandom r) {
        return decimal(r, 0.0, 1.0, 6);
    }

    /** A point on a pitch, as fractions of its length and width. */
    private record Inside(GeodesicPitch pitch, double alongLength, double alongWidth) {

        static Inside random(SplittableRandom r) {
            return new Inside(randomPitch(r), fraction(r), fraction(r));
        }
    }

    /** A point some distance beyond one of the edges (0 to 3, from the origin's length side on) of a pitch. */
    private record Beyond(GeodesicPitch pitch, int edge, double along, double distance) {

        static Beyond random(SplittableRandom r) {
            return new Beyond(randomPitch(r), r.nextInt(4), fraction(r), decimal(r, 0.5, 30.0, 3));
        }
    }
}
