package io.insiders.stream.enrichment.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fixed pitches around the world, checked against GeographicLib's geodesics (see {@link GeodesicPitch}). */
class FieldGeometryTest {

    /** The required agreement with the geodesic truth, metres. */
    private static final double TOLERANCE = 0.1;

    /** How far beyond an edge a point must not count as on the field, metres. */
    private static final double OUTSIDE = 0.5;

    static Stream<Arguments> pitches() {
        double randomAzimuth = new Random(20_240_611L).nextDouble() * 360.0;
        return Stream.of(
                Arguments.of("Paris", GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0)),
                Arguments.of("Sydney, southern hemisphere", GeodesicPitch.of(-33.89, 151.22, 160.0, 105.0, 68.0)),
                Arguments.of("near the North Pole", GeodesicPitch.of(89.9, 45.0, 75.0, 120.0, 80.0)),
                Arguments.of("near the South Pole", GeodesicPitch.of(-89.9, -120.0, 200.0, 120.0, 80.0)),
                Arguments.of("around the North Pole", GeodesicPitch.of(89.9995, 10.0, 340.0, 120.0, 80.0)),
                Arguments.of("across the antimeridian", antimeridianPitch()),
                Arguments.of("on the equator and the prime meridian", GeodesicPitch.of(-0.0003, -0.0003, 45.0, 120.0, 80.0)),
                Arguments.of("from (0, 0) due east", GeodesicPitch.of(0.0, 0.0, 90.0, 105.0, 68.0)),
                Arguments.of("random orientation", GeodesicPitch.of(-23.5, -46.6, randomAzimuth, 110.0, 70.0)),
                Arguments.of("width to the left of the length", GeodesicPitch.of(51.556, -0.2796, 290.0, 105.0, 68.0, false)));
    }

    /** From longitude 179.9995 to -179.9995 along a parallel near Fiji: about 107 m. */
    private static GeodesicPitch antimeridianPitch() {
        GeodesicData line = Geodesic.WGS84.Inverse(-16.8, 179.9995, -16.8, -179.9995);
        return GeodesicPitch.of(-16.8, 179.9995, line.azi1, line.s12, 68.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pitches")
    void positionsMatchTheGeodesicCoordinates(String site, GeodesicPitch pitch) {
        FieldGeometry field = pitch.field(site);
        for (double[] xy : grid(pitch)) {
            GeoPoint point = pitch.point(xy[0], xy[1]);
            assertThat(field.locate(point)).as("%s, %s at (%.2f, %.2f)", site, point, xy[0], xy[1]).hasValueSatisfying(p -> {
                assertThat(p.x()).as("x").isCloseTo(xy[0], within(TOLERANCE));
                assertThat(p.y()).as("y").isCloseTo(xy[1], within(TOLERANCE));
            });
        }
    }

    /**
     * A check that does not depend on how the reference builds its perpendiculars: distances in the plane from the origin
     * and from the second corner against GeographicLib's inverse geodesic distances. Two distances from two known points
     * pin a position down (on the pitch's side of the length), so both coordinates are checked through them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pitches")
    void distancesMatchTheGeodesicDistances(String site, GeodesicPitch pitch) {
        FieldGeometry field = pitch.field(site);
        GeoPoint origin = field.corners().get(0);
        GeoPoint lengthCorner = field.corners().get(1);
        FieldPosition lengthCornerPosition = field.cornerPositions().get(1);
        for (double[] xy : grid(pitch)) {
            GeoPoint point = pitch.point(xy[0], xy[1]);
            FieldPosition p = field.locate(point).orElseThrow();
            assertThat(Math.hypot(p.x(), p.y())).as("%s: distance of %s from the origin", site, point)
                    .isCloseTo(GeodesicPitch.distance(origin, point), within(TOLERANCE));
            assertThat(Math.hypot(p.x() - lengthCornerPosition.x(), p.y() - lengthCornerPosition.y()))
                    .as("%s: distance of %s from the second corner", site, point)
                    .isCloseTo(GeodesicPitch.distance(lengthCorner, point), within(TOLERANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pitches")
    void cornersAreOnTheFieldAtTheirNominalPositions(String site, GeodesicPitch pitch) {
        FieldGeometry field = pitch.field(site);
        double[][] expected = {{0.0, 0.0}, {pitch.length(), 0.0}, {pitch.length(), pitch.width()}, {0.0, pitch.width()}};
        for (int i = 0; i < 4; i++) {
            int corner = i;
            assertThat(field.locate(field.corners().get(i))).as("%s, corner %d", site, i + 1).hasValueSatisfying(p -> {
                assertThat(p.x()).as("x").isCloseTo(expected[corner][0], within(0.01));
                assertThat(p.y()).as("y").isCloseTo(expected[corner][1], within(0.01));
            });
        }
        assertThat(field.locate(field.corners().get(0))).contains(new FieldPosition(0.0, 0.0));
        assertThat(field.cornerPositions().get(0)).isEqualTo(new FieldPosition(0.0, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pitches")
    void pointsJustBeyondAnEdgeAreNotOnTheField(String site, GeodesicPitch pitch) {
        FieldGeometry field = pitch.field(site);
        double length = pitch.length();
        double width = pitch.width();
        List<double[]> beyond = new ArrayList<>();
        for (double t : new double[] {0.0, 0.1, 0.5, 0.9, 1.0}) {
            beyond.add(new double[] {t * length, -OUTSIDE});
            beyond.add(new double[] {length + OUTSIDE, t * width});
            beyond.add(new double[] {t * length, width + OUTSIDE});
            beyond.add(new double[] {-OUTSIDE, t * width});
        }
        beyond.add(new double[] {-OUTSIDE, -OUTSIDE});
        beyond.add(new double[] {length + OUTSIDE, width + OUTSIDE});
        beyond.add(new double[] {-50.0, width / 2});
        beyond.add(new double[] {length / 2, 3 * width});
        for (double[] xy : beyond) {
            GeoPoint point = pitch.point(xy[0], xy[1]);
            assertThat(field.locate(point)).as("%s, %s at (%.2f, %.2f)", site, point, xy[0], xy[1]).isEmpty();
        }
    }

    @Test
    void theAntimeridianPitchReallyStraddlesIt() {
        List<GeoPoint> corners = antimeridianPitch().corners();
        assertThat(corners.get(0).longitude()).isEqualTo(179.9995);
        assertThat(corners.get(1).longitude()).isCloseTo(-179.9995, within(1e-9));
        FieldGeometry field = FieldGeometry.of("Fiji", corners);
        assertThat(field.locate(-16.8001, 179.99999)).hasValueSatisfying(p -> assertThat(p.x()).isBetween(50.0, 55.0));
        assertThat(field.locate(-16.8001, -179.99999)).hasValueSatisfying(p -> assertThat(p.x()).isBetween(52.0, 57.0));
        FieldPosition east = field.locate(-16.8001, 180.0).orElseThrow();
        FieldPosition west = field.locate(-16.8001, -180.0).orElseThrow();
        assertThat(east.x()).isCloseTo(west.x(), within(1e-6));
        assertThat(east.y()).isCloseTo(west.y(), within(1e-6));
    }

    @Test
    void thePoleIsOnAPitchAroundItWhateverTheLongitude() {
        GeodesicPitch pitch = GeodesicPitch.of(89.9995, 10.0, 340.0, 120.0, 80.0);
        FieldGeometry field = pitch.field("North Pole");
        double distance = GeodesicPitch.distance(field.corners().get(0), new GeoPoint(90.0, 0.0));
        for (double longitude : new double[] {-180.0, -90.0, 0.0, 10.0, 123.0, 180.0}) {
            FieldPosition p = field.locate(90.0, longitude).orElseThrow();
            assertThat(Math.hypot(p.x(), p.y())).isCloseTo(distance, within(TOLERANCE));
            assertThat(p.x()).isCloseTo(distance * Math.cos(Math.toRadians(20.0)), within(TOLERANCE));
            assertThat(p.y()).isCloseTo(distance * Math.sin(Math.toRadians(20.0)), within(TOLERANCE));
        }
    }

    @Test
    void pointsFarAwayOrInvalidAreNotOnTheField() {
        GeodesicPitch pitch = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0);
        FieldGeometry field = pitch.field("Paris");
        GeoPoint centre = pitch.point(52.5, 34.0);
        // The antipode projects onto the tangent plane right on the field; it must not be taken for it.
        assertThat(field.locate(-centre.latitude(), centre.longitude() - 180.0)).isEmpty();
        assertThat(field.locate(centre.latitude(), centre.longitude() + 1.0)).isEmpty();
        assertThat(field.locate(-centre.latitude(), centre.longitude())).isEmpty();
        assertThat(field.locate(Double.NaN, centre.longitude())).isEmpty();
        assertThat(field.locate(centre.latitude(), Double.NaN)).isEmpty();
        assertThat(field.locate(centre.latitude(), centre.longitude() + 360.0)).isEmpty();
        assertThat(field.locate(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEmpty();
        assertThat(field.locate(centre)).isPresent();
    }

    @Test
    void rejectsAWrongNumberOfCorners() {
        List<GeoPoint> corners = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0).corners();
        assertThatIllegalArgumentException().isThrownBy(() -> FieldGeometry.of("three", corners.subList(0, 3)))
                .withMessage("field 'three' needs exactly 4 corners (origin, along the length, opposite, along the width), got 3");
        List<GeoPoint> five = new ArrayList<>(corners);
        five.add(corners.get(0));
        assertThatIllegalArgumentException().isThrownBy(() -> FieldGeometry.of("five", five)).withMessageEndingWith("got 5");
    }

    @Test
    void rejectsMissingOrBlankValues() {
        List<GeoPoint> corners = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0).corners();
        assertThatIllegalArgumentException().isThrownBy(() -> FieldGeometry.of(" ", corners))
                .withMessage("field name must not be blank");
        assertThatNullPointerException().isThrownBy(() -> FieldGeometry.of(null, corners)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> FieldGeometry.of("pitch", null)).withMessage("corners");
        List<GeoPoint> withNull = new ArrayList<>(corners);
        withNull.set(2, null);
        assertThatNullPointerException().isThrownBy(() -> FieldGeometry.of("pitch", withNull)).withMessage("corner 3");
    }

    @Test
    void rejectsCoincidentCorners() {
        GeodesicPitch pitch = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0);
        List<GeoPoint> corners = pitch.corners();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("twice", corners.get(0), corners.get(0), corners.get(2), corners.get(3)))
                .withMessage("field 'twice': corners 1 and 2 are 0.000 m apart, less than the minimum of 1.0 m");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("close", corners.get(0), corners.get(1), corners.get(2), pitch.point(104.5, 68.0)))
                .withMessage("field 'close': corners 3 and 4 are 0.500 m apart, less than the minimum of 1.0 m");
    }

    @Test
    void rejectsDegenerateFields() {
        GeodesicPitch pitch = GeodesicPitch.of(-33.89, 151.22, 160.0, 105.0, 68.0);
        List<GeoPoint> corners = pitch.corners();
        // Corners 4, 1 and 2 in line: there is no width.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("flat", corners.get(0), corners.get(1), corners.get(2), pitch.point(-20.0, 0.0)))
                .withMessageStartingWith("field 'flat' is degenerate: corners 4, 1 and 2 are almost in line");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("line", corners.get(0), pitch.point(50.0, 0.0), pitch.point(100.0, 0.0),
                        pitch.point(150.0, 0.0)))
                .withMessageStartingWith("field 'line' is degenerate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("sliver", corners.get(0), corners.get(1), pitch.point(200.0, 1.0), corners.get(3)))
                .withMessageStartingWith("field 'sliver' is degenerate: corners 1, 2 and 3 are almost in line")
                .withMessageEndingWith("(interior angle 179.397 degrees at corner 2)");
    }

    @Test
    void rejectsQuadrilateralsThatAreNotConvex() {
        GeodesicPitch pitch = GeodesicPitch.of(-33.89, 151.22, 160.0, 105.0, 68.0);
        List<GeoPoint> corners = pitch.corners();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("dart", corners.get(0), corners.get(1), pitch.point(30.0, 20.0), corners.get(3)))
                .withMessageStartingWith("field 'dart' is not a convex quadrilateral: the interior angle at corner 3 is");
        // The opposite corner and the width corner swapped: the outline crosses itself.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("bow tie", corners.get(0), corners.get(1), corners.get(3), corners.get(2)))
                .withMessageStartingWith("field 'bow tie' is not a convex quadrilateral")
                .withMessageEndingWith("corners must be in order origin, along the length, opposite, along the width");
    }

    @Test
    void rejectsFieldsLargerThanAKilometre() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GeodesicPitch.of(48.8412, 2.253, 33.0, 1500.0, 68.0).field("long"))
                .withMessage("field 'long' spans 1500.0 m along its length, more than the maximum of 1000 m");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 1200.0).field("wide"))
                .withMessage("field 'wide' spans 1200.0 m along its width, more than the maximum of 1000 m");
        assertThat(GeodesicPitch.of(48.8412, 2.253, 33.0, 999.0, 999.0).field("square kilometre").locate(48.8412, 2.253))
                .isPresent();
    }

    @Test
    void rejectsACornerOnTheFarSideOfTheEarth() {
        List<GeoPoint> corners = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0).corners();
        GeoPoint origin = corners.get(0);
        // Its projection onto the tangent plane is the origin itself; only the straight-line distance tells.
        GeoPoint antipode = new GeoPoint(-origin.latitude(), origin.longitude() - 180.0);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldGeometry.of("antipodal", origin, corners.get(1), corners.get(2), antipode))
                .withMessageMatching("field 'antipodal': corner 4 is 127\\d{5}\\.\\d m from the origin corner, "
                        + "too far for a field of at most 1000 x 1000 m");
    }

    @Test
    void exposesWhatItWasBuiltFrom() {
        List<GeoPoint> corners = GeodesicPitch.of(48.8412, 2.253, 33.0, 105.0, 68.0).corners();
        FieldGeometry field = FieldGeometry.of("Parc", corners);
        assertThat(field.name()).isEqualTo("Parc");
        assertThat(field.corners()).isEqualTo(corners);
        assertThat(field.cornerPositions()).hasSize(4);
        assertThat(field).isEqualTo(FieldGeometry.of("Parc", corners.get(0), corners.get(1), corners.get(2), corners.get(3)))
                .hasSameHashCodeAs(FieldGeometry.of("Parc", corners))
                .isNotEqualTo(FieldGeometry.of("Other", corners));
        assertThat(field.toString()).startsWith("FieldGeometry[name=Parc, corners=[GeoPoint[latitude=48.8412");
        assertThat(field.locate(corners.get(2))).isEqualTo(field.locate(corners.get(2).latitude(), corners.get(2).longitude()));
    }

    /** Points over the whole pitch, edges included. */
    private static List<double[]> grid(GeodesicPitch pitch) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            for (int j = 0; j <= 8; j++) {
                points.add(new double[] {pitch.length() * i / 12, pitch.width() * j / 8});
            }
        }
        return points;
    }
}
