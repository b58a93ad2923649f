package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PitchModelTest {

    @Test
    void theDefaultPitchIsInParisWithItsLengthAtBearing30() {
        PitchModel pitch = PitchModel.paris();
        PitchModel.LatLon origin = pitch.toLatLon(0, 0);
        PitchModel.LatLon along = pitch.toLatLon(105, 0);
        PitchModel.LatLon across = pitch.toLatLon(0, 68);

        assertThat(origin).isEqualTo(new PitchModel.LatLon(48.8412, 2.2530));
        assertThat(distance(origin, along)).isCloseTo(105.0, within(0.02));
        assertThat(bearing(origin, along)).isCloseTo(30.0, within(0.02));
        assertThat(distance(origin, across)).isCloseTo(68.0, within(0.02));
        assertThat(bearing(origin, across)).isCloseTo(120.0, within(0.02));
        assertThat(distance(origin, pitch.toLatLon(105, 68))).isCloseTo(Math.hypot(105, 68), within(0.02));
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
        return vincenty(a, b)[0];
    }

    private static double bearing(PitchModel.LatLon a, PitchModel.LatLon b) {
        return (Math.toDegrees(vincenty(a, b)[1]) + 360.0) % 360.0;
    }

    /** Vincenty's inverse on the WGS84 ellipsoid, independent of the flat model: distance in metres and initial bearing. */
    private static double[] vincenty(PitchModel.LatLon from, PitchModel.LatLon to) {
        double a = 6_378_137.0;
        double f = 1 / 298.257223563;
        double b = a * (1 - f);
        double u1 = Math.atan((1 - f) * Math.tan(Math.toRadians(from.latitude())));
        double u2 = Math.atan((1 - f) * Math.tan(Math.toRadians(to.latitude())));
        double l = Math.toRadians(to.longitude() - from.longitude());
        double lambda = l;
        double sinSigma = 0;
        double cosSigma = 0;
        double sigma = 0;
        double cos2Alpha = 0;
        double cos2SigmaM = 0;
        for (int i = 0; i < 200; i++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            sinSigma = Math.hypot(Math.cos(u2) * sinLambda,
                    Math.cos(u1) * Math.sin(u2) - Math.sin(u1) * Math.cos(u2) * cosLambda);
            cosSigma = Math.sin(u1) * Math.sin(u2) + Math.cos(u1) * Math.cos(u2) * cosLambda;
            sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = Math.cos(u1) * Math.cos(u2) * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cosSigma - 2 * Math.sin(u1) * Math.sin(u2) / cos2Alpha;
            double c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            double previous = lambda;
            lambda = l + (1 - c) * f * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma
                    * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda - previous) < 1e-13) {
                break;
            }
        }
        double uSquared = cos2Alpha * (a * a - b * b) / (b * b);
        double bigA = 1 + uSquared / 16384 * (4096 + uSquared * (-768 + uSquared * (320 - 175 * uSquared)));
        double bigB = uSquared / 1024 * (256 + uSquared * (-128 + uSquared * (74 - 47 * uSquared)));
        double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        double distance = b * bigA * (sigma - deltaSigma);
        double bearing = Math.atan2(Math.cos(u2) * Math.sin(lambda),
                Math.cos(u1) * Math.sin(u2) - Math.sin(u1) * Math.cos(u2) * Math.cos(lambda));
        return new double[] {distance, bearing};
    }
}
