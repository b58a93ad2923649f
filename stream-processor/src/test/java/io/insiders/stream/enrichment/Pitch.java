package io.insiders.stream.enrichment;

import java.util.List;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * A pitch laid out with GeographicLib: from an origin, x metres along the length azimuth, then y
 * metres at right angles (to the right, facing along the length). Its corners are published as a
 * field and its points are where frames are sent.
 *
 * @param latitude the origin's latitude
 * @param longitude the origin's longitude
 * @param azimuth the length's direction, degrees clockwise from north
 * @param length metres
 * @param width metres
 */
record Pitch(double latitude, double longitude, double azimuth, double length, double width) {

    /** The {latitude, longitude} of the point (x, y) of the pitch. */
    double[] point(double x, double y) {
        GeodesicData along = Geodesic.WGS84.Direct(latitude, longitude, azimuth, x);
        GeodesicData across = Geodesic.WGS84.Direct(along.lat2, along.lon2, along.azi2 + 90.0, y);
        return new double[] {across.lat2, normalise(across.lon2)};
    }

    /** Origin, along the length, opposite, along the width. */
    List<double[]> corners() {
        return List.of(point(0, 0), point(length, 0), point(length, width), point(0, width));
    }

    private static double normalise(double longitude) {
        double result = longitude;
        while (result > 180.0) {
            result -= 360.0;
        }
        while (result < -180.0) {
            result += 360.0;
        }
        return result;
    }
}
