package io.insiders.stream.enrichment.geometry;

/** The defining constants of the WGS84 ellipsoid, as GPS receivers report positions on it. */
final class Wgs84 {

    /** Equatorial radius a, metres. */
    static final double SEMI_MAJOR_AXIS = 6_378_137.0;

    /** Flattening f. */
    static final double FLATTENING = 1.0 / 298.257223563;

    /** First eccentricity squared, e^2 = f (2 - f). */
    static final double ECCENTRICITY_SQUARED = FLATTENING * (2.0 - FLATTENING);

    private Wgs84() {
    }
}
