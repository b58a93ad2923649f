package io.insiders.stream.enrichment.geometry;

/**
 * A position on the WGS84 ellipsoid: latitude and longitude in degrees.
 *
 * @param latitude  degrees north, within [-90, 90]
 * @param longitude degrees east, within [-180, 180]
 */
public record GeoPoint(double latitude, double longitude) {

    /** Rejects non-finite values and values outside the ranges above. */
    public GeoPoint {
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90] degrees, was " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180] degrees, was " + longitude);
        }
    }
}
