package io.insiders.stream.enrichment.geometry;

import java.util.List;
import java.util.Locale;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * A pitch laid out on the WGS84 ellipsoid with GeographicLib's geodesics: the independent reference the tangent plane
 * of {@link FieldGeometry} is checked against.
 *
 * <p>The point with field coordinates (x, y) is reached by walking x metres from the origin along the length azimuth,
 * then y metres along the geodesic perpendicular to that walk where it ended (its arrival azimuth plus or minus 90
 * degrees). These "geodesic parallel" coordinates are the natural geodesic truth for a field: they need no projection,
 * and the pitch's edges are made of them (x = 0, x = L, y = 0, y = W). Over a 150 m pitch they differ from tangent
 * plane coordinates by terms of order s^3 / R^2, about 10 nanometres, so any difference near the 0.1 m tolerance is a
 * defect of the code under test, not of the reference.
 */
final class GeodesicPitch {

    private final double originLatitude;
    private final double originLongitude;
    private final double azimuth;
    private final double length;
    private final double width;
    /** +90 when the width runs clockwise from the length (to the right, facing along it), -90 otherwise. */
    private final double turn;

    private GeodesicPitch(double originLatitude, double originLongitude, double azimuth, double length, double width,
            boolean widthToTheRight) {
        this.originLatitude = originLatitude;
        this.originLongitude = originLongitude;
        this.azimuth = azimuth;
        this.length = length;
        this.width = width;
        this.turn = widthToTheRight ? 90.0 : -90.0;
    }

    /** A pitch with its width to the right of its length (facing along the length from the origin). */
    static GeodesicPitch of(double latitude, double longitude, double azimuth, double length, double width) {
        return new GeodesicPitch(latitude, longitude, azimuth, length, width, true);
    }

    static GeodesicPitch of(double latitude, double longitude, double azimuth, double length, double width,
            boolean widthToTheRight) {
        return new GeodesicPitch(latitude, longitude, azimuth, length, width, widthToTheRight);
    }

    double length() {
        return length;
    }

    double width() {
        return width;
    }

    /** The point at (x, y) in geodesic parallel coordinates; negative or beyond the pitch works as well. */
    GeoPoint point(double x, double y) {
        GeodesicData alongLength = Geodesic.WGS84.Direct(originLatitude, originLongitude, azimuth, x);
        GeodesicData across = Geodesic.WGS84.Direct(alongLength.lat2, alongLength.lon2, alongLength.azi2 + turn, y);
        return new GeoPoint(across.lat2, across.lon2);
    }

    /** Origin, along the length, opposite, along the width. */
    List<GeoPoint> corners() {
        return List.of(point(0.0, 0.0), point(length, 0.0), point(length, width), point(0.0, width));
    }

    FieldGeometry field(String name) {
        return FieldGeometry.of(name, corners());
    }

    /** The geodesic distance between two points, in metres. */
    static double distance(GeoPoint from, GeoPoint to) {
        return Geodesic.WGS84.Inverse(from.latitude(), from.longitude(), to.latitude(), to.longitude()).s12;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pitch at (%.7f, %.7f) azimuth %.3f, %.2f x %.2f m, width to the %s",
                originLatitude, originLongitude, azimuth, length, width, turn > 0 ? "right" : "left");
    }
}
