package io.insiders.stream.enrichment.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Pitches of any size, orientation and handedness anywhere on Earth (poles and antimeridian included), checked against
 * GeographicLib's geodesics (see {@link GeodesicPitch}).
 */
class FieldGeometryPropertiesTest {

    /** The required agreement with the geodesic truth, metres. */
    private static final double TOLERANCE = 0.1;

    @Property(tries = 1000)
    void positionsMatchTheGeodesicCoordinates(@ForAll("pitches") GeodesicPitch pitch,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) @Scale(6) double alongLength,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) @Scale(6) double alongWidth) {
        double x = alongLength * pitch.length();
        double y = alongWidth * pitch.width();
        GeoPoint point = pitch.point(x, y);
        assertThat(pitch.field("pitch").locate(point)).as("%s at (%.3f, %.3f)", point, x, y).hasValueSatisfying(p -> {
            assertThat(p.x()).as("x").isCloseTo(x, within(TOLERANCE));
            assertThat(p.y()).as("y").isCloseTo(y, within(TOLERANCE));
        });
    }

    /**
     * The same positions seen through distances only: from the origin and from the second corner, in the plane against
     * GeographicLib's inverse geodesic distances. This does not rely on how the reference draws perpendiculars.
     */
    @Property(tries = 500)
    void distancesMatchTheGeodesicDistances(@ForAll("pitches") GeodesicPitch pitch,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) @Scale(6) double alongLength,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) @Scale(6) double alongWidth) {
        FieldGeometry field = pitch.field("pitch");
        GeoPoint point = pitch.point(alongLength * pitch.length(), alongWidth * pitch.width());
        FieldPosition p = field.locate(point).orElseThrow();
        FieldPosition lengthCorner = field.cornerPositions().get(1);
        assertThat(Math.hypot(p.x(), p.y())).as("distance of %s from the origin", point)
                .isCloseTo(GeodesicPitch.distance(field.corners().get(0), point), within(TOLERANCE));
        assertThat(Math.hypot(p.x() - lengthCorner.x(), p.y() - lengthCorner.y())).as("distance of %s from corner 2", point)
                .isCloseTo(GeodesicPitch.distance(field.corners().get(1), point), within(TOLERANCE));
    }

    @Property(tries = 500)
    void cornersAreAtTheirNominalPositions(@ForAll("pitches") GeodesicPitch pitch) {
        FieldGeometry field = pitch.field("pitch");
        double[][] expected = {{0.0, 0.0}, {pitch.length(), 0.0}, {pitch.length(), pitch.width()}, {0.0, pitch.width()}};
        for (int i = 0; i < 4; i++) {
            FieldPosition p = field.locate(field.corners().get(i)).orElseThrow();
            assertThat(p.x()).as("x of corner %d", i + 1).isCloseTo(expected[i][0], within(0.01));
            assertThat(p.y()).as("y of corner %d", i + 1).isCloseTo(expected[i][1], within(0.01));
        }
    }

    @Property(tries = 1000)
    void pointsBeyondAnEdgeAreNotOnTheField(@ForAll("pitches") GeodesicPitch pitch,
            @ForAll @IntRange(min = 0, max = 3) int edge,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) @Scale(6) double along,
            @ForAll @DoubleRange(min = 0.5, max = 30.0) @Scale(3) double beyond) {
        double x = along * pitch.length();
        double y = along * pitch.width();
        GeoPoint point = switch (edge) {
            case 0 -> pitch.point(x, -beyond);
            case 1 -> pitch.point(pitch.length() + beyond, y);
            case 2 -> pitch.point(x, pitch.width() + beyond);
            default -> pitch.point(-beyond, y);
        };
        assertThat(pitch.field("pitch").locate(point)).as("%s, %.3f m beyond edge %d", point, beyond, edge + 1).isEmpty();
    }

    @Provide
    Arbitrary<GeodesicPitch> pitches() {
        Arbitrary<Double> latitudes = Arbitraries.doubles().between(-89.9999, 89.9999).ofScale(7);
        Arbitrary<Double> longitudes = Arbitraries.doubles().between(-180.0, 180.0).ofScale(7);
        Arbitrary<Double> azimuths = Arbitraries.doubles().between(-180.0, 180.0).ofScale(6);
        Arbitrary<Double> lengths = Arbitraries.doubles().between(105.0, 120.0).ofScale(3);
        Arbitrary<Double> widths = Arbitraries.doubles().between(68.0, 80.0).ofScale(3);
        return Combinators.combine(latitudes, longitudes, azimuths, lengths, widths, Arbitraries.of(true, false))
                .as(GeodesicPitch::of);
    }
}
