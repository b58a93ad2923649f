package io.insiders.stream.enrichment.geometry;

/**
 * A latitude/longitude window that contains every point within a given distance of a centre: a prefilter that rejects
 * far-away points with a few comparisons, before any trigonometry. Longitudes are compared modulo 360 degrees, so a
 * window may straddle the antimeridian; a window that reaches a pole spans every longitude.
 */
record LatLonBox(double centerLatitude, double centerLongitude, double halfLatitude, double halfLongitude) {

    /** The smallest radius of curvature of the WGS84 ellipsoid, a(1 - e^2), of the meridian at the equator, rounded down. */
    private static final double MIN_RADIUS_OF_CURVATURE = 6_335_000.0;

    /** The smallest window holding every point within {@code radius} metres of the centre (a slight overestimate). */
    static LatLonBox around(double latitude, double longitude, double radius) {
        // A path of length r changes the latitude by at most r / M_min (the meridian is never flatter than that).
        double halfLatitude = Math.toDegrees(radius / MIN_RADIUS_OF_CURVATURE);
        double polewardLatitude = Math.abs(latitude) + halfLatitude;
        if (polewardLatitude >= 90.0) {
            return new LatLonBox(latitude, longitude, halfLatitude, 180.0);
        }
        // Each parallel the path crosses has a radius N cos(lat) >= a cos(lat), smallest at the most poleward latitude.
        double parallelRadius = Wgs84.SEMI_MAJOR_AXIS * Math.cos(Math.toRadians(polewardLatitude));
        double halfLongitude = Math.min(180.0, Math.toDegrees(radius / parallelRadius));
        return new LatLonBox(latitude, longitude, halfLatitude, halfLongitude);
    }

    /** Whether the point may lie within the radius; false for invalid coordinates (NaN, out of range). */
    boolean contains(double latitude, double longitude) {
        if (!(latitude >= -90.0 && latitude <= 90.0 && longitude >= -180.0 && longitude <= 180.0)) {
            return false;
        }
        if (Math.abs(latitude - centerLatitude) > halfLatitude) {
            return false;
        }
        double lonDistance = Math.abs(longitude - centerLongitude);
        if (lonDistance > 180.0) {
            lonDistance = 360.0 - lonDistance;
        }
        return lonDistance <= halfLongitude;
    }

    double minLatitude() {
        return Math.max(-90.0, centerLatitude - halfLatitude);
    }

    double maxLatitude() {
        return Math.min(90.0, centerLatitude + halfLatitude);
    }
}
