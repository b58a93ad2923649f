package io.insiders.ingest.simulator;

import java.util.List;

/**
 * A football pitch on the ground: its origin corner, the bearing of its length and its size, and the conversion between
 * pitch coordinates and latitude and longitude.
 *
 * <p>Pitch coordinates are metres from the origin corner: {@code x} along the length (towards the bearing), {@code y}
 * along the width, to the right of someone looking along the length (bearing + 90°), the order of the corners the
 * {@code insiders.fields} records use. The conversion is a flat offset from the origin using the WGS84 radii of
 * curvature at the origin's latitude: at a pitch's scale its error is a few millimetres.
 */
public final class PitchModel {

    /** Length of the default pitch, metres. */
    public static final double LENGTH = 105.0;
    /** Width of the default pitch, metres. */
    public static final double WIDTH = 68.0;

    private static final double SEMI_MAJOR_AXIS = 6_378_137.0;
    private static final double FLATTENING = 1.0 / 298.257223563;
    private static final double ECCENTRICITY_SQUARED = FLATTENING * (2.0 - FLATTENING);
    private static final PitchModel PARIS = new PitchModel(48.8412, 2.2530, 30.0, LENGTH, WIDTH);

    private final double originLatitude;
    private final double originLongitude;
    private final double bearing;
    private final double length;
    private final double width;
    private final double sinBearing;
    private final double cosBearing;
    private final double metresPerDegreeLatitude;
    private final double metresPerDegreeLongitude;

    private PitchModel(double originLatitude, double originLongitude, double bearing, double length, double width) {
        if (!(Math.abs(originLatitude) < 85.0) || !(Math.abs(originLongitude) <= 180.0)) {
            throw new IllegalArgumentException("origin " + originLatitude + ", " + originLongitude + " is not a usable position");
        }
        if (!Double.isFinite(bearing)) {
            throw new IllegalArgumentException("bearing " + bearing + " is not a number");
        }
        if (!(length >= 20.0 && length <= 1000.0) || !(width >= 20.0 && width <= 1000.0)) {
            throw new IllegalArgumentException("a pitch of " + length + " x " + width + " m; each side must be 20 to 1000 m");
        }
        this.originLatitude = originLatitude;
        this.originLongitude = originLongitude;
        this.bearing = bearing;
        this.length = length;
        this.width = width;
        this.sinBearing = Math.sin(Math.toRadians(bearing));
        this.cosBearing = Math.cos(Math.toRadians(bearing));
        double phi = Math.toRadians(originLatitude);
        double w = 1.0 - ECCENTRICITY_SQUARED * Math.sin(phi) * Math.sin(phi);
        double meridian = SEMI_MAJOR_AXIS * (1.0 - ECCENTRICITY_SQUARED) / (w * Math.sqrt(w));
        double primeVertical = SEMI_MAJOR_AXIS / Math.sqrt(w);
        this.metresPerDegreeLatitude = Math.toRadians(meridian);
        this.metresPerDegreeLongitude = Math.toRadians(primeVertical * Math.cos(phi));
    }

    /** The default pitch: 105 x 68 m, origin 48.8412, 2.2530 (Paris), its length at a bearing of 30°. */
    public static PitchModel paris() {
        return PARIS;
    }

    /** A 105 x 68 m pitch with its origin corner at the given position and its length at {@code bearing} degrees. */
    public static PitchModel of(double originLatitude, double originLongitude, double bearing) {
        return new PitchModel(originLatitude, originLongitude, bearing, LENGTH, WIDTH);
    }

    /** A pitch of any size from 20 to 1000 m a side. */
    public static PitchModel of(double originLatitude, double originLongitude, double bearing, double length, double width) {
        return new PitchModel(originLatitude, originLongitude, bearing, length, width);
    }

    public double originLatitude() {
        return originLatitude;
    }

    public double originLongitude() {
        return originLongitude;
    }

    /** Bearing of the length, degrees clockwise from north. */
    public double bearing() {
        return bearing;
    }

    public double length() {
        return length;
    }

    public double width() {
        return width;
    }

    /** Whether a point in pitch coordinates lies on the pitch, its lines included. */
    public boolean contains(double x, double y) {
        return x >= 0.0 && x <= length && y >= 0.0 && y <= width;
    }

    /** The position of a point given in pitch coordinates. */
    public LatLon toLatLon(double x, double y) {
        double north = x * cosBearing - y * sinBearing;
        double east = x * sinBearing + y * cosBearing;
        return new LatLon(originLatitude + north / metresPerDegreeLatitude, originLongitude + east / metresPerDegreeLongitude);
    }

    /** The pitch coordinates of a position; the inverse of {@link #toLatLon(double, double)}. */
    public PitchPoint toPitch(LatLon position) {
        double north = (position.latitude() - originLatitude) * metresPerDegreeLatitude;
        double east = (position.longitude() - originLongitude) * metresPerDegreeLongitude;
        return new PitchPoint(north * cosBearing + east * sinBearing, -north * sinBearing + east * cosBearing);
    }

    /**
     * The four corners in the order a field record lists them: the origin, the corner along the length, the opposite
     * corner, the corner along the width. Handy to register the pitch as a field.
     */
    public List<LatLon> corners() {
        return List.of(toLatLon(0.0, 0.0), toLatLon(length, 0.0), toLatLon(length, width), toLatLon(0.0, width));
    }

    @Override
    public String toString() {
        return "pitch " + length + " x " + width + " m at " + originLatitude + ", " + originLongitude + ", bearing " + bearing;
    }

    /**
     * A position in degrees.
     *
     * @param latitude  degrees, positive north
     * @param longitude degrees, positive east
     */
    public record LatLon(double latitude, double longitude) {
    }

    /**
     * A point in pitch coordinates.
     *
     * @param x metres along the length from the origin corner
     * @param y metres along the width from the origin corner
     */
    public record PitchPoint(double x, double y) {
    }
}
