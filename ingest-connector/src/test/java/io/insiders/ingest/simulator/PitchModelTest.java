package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PitchModelTest {

    private static final double EARTH_RADIUS = 6_371_008.8;

    @Test
    void theDefaultPitchIsInParisWithItsLengthAtBearing30() {
        PitchModel pitch = PitchModel.paris();
        PitchModel.LatLon origin = pitch.toLatLon(0, 0);
        PitchModel.LatLon along = pitch.toLatLon(105, 0);
        PitchModel.LatLon across = pitch.toLatLon(0, 68);

        assertThat(origin).isEqualTo(new PitchModel.LatLon(48.8412, 2.2530));
        assertThat(distance(origin, along)).isCloseTo(105.0, within(0.3));
        assertThat(bearing(origin, along)).isCloseTo(30.0, within(0.2));
        assertThat(distance(origin, across)).isCloseTo(68.0, within(0.2));
        assertThat(bearing(origin, across)).isCloseTo(120.0, within(0.2));
        assertThat(distance(origin, pitch.toLatLon(105, 68))).isCloseTo(Math.hypot(105, 68), within(0.3));
    }

    @Test
    void pitchCoordinatesComeBackFromLatitudeAndLongitude() {
        PitchModel pitch = PitchModel.of(-33.9, 151.2, 287.5);

        for (double[] point : new double[][] {{0, 0}, {105, 68}, {52.5, 34}, {10.25, 60.75}, {-3, 70}}) {
            PitchModel.PitchPoint back = pitch.toPitch(pitch.toLatLon(point[0], point[1]));
            assertThat(back.x()).isCloseTo(point[0], within(1e-6));
            assertThat(back.y()).isCloseTo(point[1], within(1e-6));
        }
    }

    @Test
    void cornersAreInTheOrderOfAFieldRecord() {
        PitchModel pitch = PitchModel.paris();
        List<PitchModel.LatLon> corners = pitch.corners();

        assertThat(corners).containsExactly(pitch.toLatLon(0, 0), pitch.toLatLon(105, 0), pitch.toLatLon(105, 68),
                pitch.toLatLon(0, 68));
    }

    @Test
    void containsItsLinesAndNothingBeyond() {
        PitchModel pitch = PitchModel.paris();

        assertThat(pitch.contains(0, 0)).isTrue();
        assertThat(pitch.contains(105, 68)).isTrue();
        assertThat(pitch.contains(-0.01, 10)).isFalse();
        assertThat(pitch.contains(50, 68.01)).isFalse();
    }

    @Test
    void refusesPitchesThatCannotBe() {
        assertThatThrownBy(() -> PitchModel.of(91, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PitchModel.of(48, 2, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PitchModel.of(48, 2, 0, 5, 68)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double distance(PitchModel.LatLon a, PitchModel.LatLon b) {
        double phi1 = Math.toRadians(a.latitude());
        double phi2 = Math.toRadians(b.latitude());
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2) + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.sqrt(h));
    }

    private static double bearing(PitchModel.LatLon a, PitchModel.LatLon b) {
        double phi1 = Math.toRadians(a.latitude());
        double phi2 = Math.toRadians(b.latitude());
        double dLambda = Math.toRadians(b.longitude() - a.longitude());
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        return (Math.toDegrees(Math.atan2(y, x)) + 360.0) % 360.0;
    }
}
