package io.insiders.stream.enrichment.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A field (a sports pitch) given by a name and four GPS corners, which turns positions into metres on the field.
 *
 * <p>The corners come in order: the origin, the corner along the length, the opposite corner, the corner along the width.
 * A position on the field gets {@code x}, its distance from the origin along the length (towards the second corner), and
 * {@code y}, its distance along the width (towards the fourth corner's side).
 *
 * <p><b>Method.</b> Positions are mapped onto the plane tangent to the WGS84 ellipsoid at the origin corner, exactly:
 * geodetic to Earth-centred Earth-fixed (ECEF) coordinates, then rotated into east/north/up (ENU) at the origin. The
 * x axis is the unit vector from the origin towards the second corner in that plane and the y axis the unit vector
 * perpendicular to it, on the fourth corner's side; {@code x} and {@code y} are the projections on these axes. The
 * inside test is done in the same plane, against the quadrilateral of the projected corners. Everything that depends
 * on the field only (the origin's ECEF position, the ENU rotation composed with the axes, the edges) is computed once,
 * so {@link #locate} costs four trigonometric calls, a square root and a few multiplications. The ECEF frame is turned
 * about the polar axis to put the origin's meridian at longitude 0, so only the (small) longitude difference enters
 * the trigonometry: this is what makes fields across the antimeridian work like any other. Near the poles nothing
 * degenerates either: ECEF coordinates are regular there, and the x axis comes from the corners, not from north.
 *
 * <p><b>Why a tangent plane is accurate enough.</b> The ellipsoid is exact here, not a sphere: a spherical Earth would
 * misjudge distances by up to about 0.6 % (70 cm over 120 m), as the radius of curvature of the WGS84 ellipsoid
 * ranges from 6,335 km to 6,400 km with latitude and direction. What the plane neglects is curvature within the field:
 * a point at a geodesic distance s from the origin lies s&sup2;/2R below the plane (1.6 mm at the far corner of a 120 x
 * 80 m field, along the up axis, which is dropped), and its distance in the plane is shorter than s by about
 * s&sup3;/6R&sup2;, which is 12 nanometres for s = 144 m and R = 6,335 km; directions are distorted as little. So
 * plane coordinates agree with geodesic ones far below a millimetre for any field this class accepts (at most 1 km
 * across: 12 micrometres), well within GPS noise.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FieldGeometry {

    /** Metres a point may lie outside an edge and still count as on the field: boundary lines belong to the field. */
    public static final double EDGE_TOLERANCE = 0.01;

    /** The largest extent of a field, in metres, along its length and along its width. */
    public static final double MAX_EXTENT = 1000.0;

    /** The smallest distance between two corners, in metres. */
    public static final double MIN_CORNER_DISTANCE = 1.0;

    /** The smallest (and 180 minus the largest) interior angle, in degrees, of a non-degenerate field. */
    public static final double MIN_CORNER_ANGLE = 1.0;

    private static final double ONE_MINUS_E2 = 1.0 - Wgs84.ECCENTRICITY_SQUARED;

    /** The bounding window is widened by this many metres, far more than any rounding or plane approximation. */
    private static final double BOUNDS_MARGIN = 1.0;

    private static final int CORNERS = 4;

    private final String name;
    private final List<GeoPoint> corners;
    private final List<FieldPosition> cornerPositions;
    private final LatLonBox bounds;

    private final double originLongitude;
    /** The origin in ECEF coordinates turned so that its meridian is at longitude 0 (its y coordinate is then 0). */
    private final double originX;
    private final double originZ;

    /** ENU rotation at the origin composed with the field axes: field x and y straight from ECEF offsets. */
    private final double xFromDx;
    private final double xFromDy;
    private final double xFromDz;
    private final double yFromDx;
    private final double yFromDy;
    private final double yFromDz;

    /** Per edge: the inward unit normal and offset (less the tolerance); a point is inside when normal . p >= offset for all four. */
    private final double[] edgeNormalX = new double[CORNERS];
    private final double[] edgeNormalY = new double[CORNERS];
    private final double[] edgeOffset = new double[CORNERS];

    private FieldGeometry(String name, List<GeoPoint> corners) {
        this.name = name;
        this.corners = corners;
        GeoPoint origin = corners.get(0);
        double originLatitude = Math.toRadians(origin.latitude());
        double sinLat0 = Math.sin(originLatitude);
        double cosLat0 = Math.cos(originLatitude);
        double primeVertical0 = primeVerticalRadius(sinLat0);
        this.originLongitude = origin.longitude();
        this.originX = primeVertical0 * cosLat0;
        this.originZ = primeVertical0 * ONE_MINUS_E2 * sinLat0;

        double[][] enu = new double[CORNERS][];
        for (int i = 0; i < CORNERS; i++) {
            double[] d = ecefOffset(corners.get(i).latitude(), corners.get(i).longitude());
            enu[i] = new double[] {d[1], -sinLat0 * d[0] + cosLat0 * d[2], cosLat0 * d[0] + sinLat0 * d[2]};
        }
        requireNearOrigin(enu);
        requireDistinct(enu);

        double length = Math.hypot(enu[1][0], enu[1][1]);
        double axisXEast = enu[1][0] / length;
        double axisXNorth = enu[1][1] / length;
        // Perpendicular in the plane; which of the two depends on the side the fourth corner is on.
        double side = -axisXNorth * enu[3][0] + axisXEast * enu[3][1] >= 0.0 ? 1.0 : -1.0;
        double axisYEast = -axisXNorth * side;
        double axisYNorth = axisXEast * side;

        // east = dy and north = -sin(lat0) dx + cos(lat0) dz in the turned ECEF frame.
        this.xFromDx = -axisXNorth * sinLat0;
        this.xFromDy = axisXEast;
        this.xFromDz = axisXNorth * cosLat0;
        this.yFromDx = -axisYNorth * sinLat0;
        this.yFromDy = axisYEast;
        this.yFromDz = axisYNorth * cosLat0;

        double[] xs = new double[CORNERS];
        double[] ys = new double[CORNERS];
        List<FieldPosition> positions = new ArrayList<>(CORNERS);
        for (int i = 0; i < CORNERS; i++) {
            xs[i] = axisXEast * enu[i][0] + axisXNorth * enu[i][1];
            ys[i] = axisYEast * enu[i][0] + axisYNorth * enu[i][1];
            positions.add(new FieldPosition(xs[i] + 0.0, ys[i] + 0.0));
        }
        this.cornerPositions = List.copyOf(positions);
        requireWithinExtent(xs, "length");
        requireWithinExtent(ys, "width");
        requireConvex(xs, ys);

        for (int i = 0; i < CORNERS; i++) {
            int next = (i + 1) % CORNERS;
            double edgeLength = Math.hypot(xs[next] - xs[i], ys[next] - ys[i]);
            // The corners run counter-clockwise in (x, y), so the inward normal is the edge turned left.
            edgeNormalX[i] = -(ys[next] - ys[i]) / edgeLength;
            edgeNormalY[i] = (xs[next] - xs[i]) / edgeLength;
            edgeOffset[i] = edgeNormalX[i] * xs[i] + edgeNormalY[i] * ys[i] - EDGE_TOLERANCE;
        }
        this.bounds = boundsAroundMiddle(xs, ys);
    }

    /**
     * A field from its corners, in order: origin, along the length, opposite, along the width.
     *
     * @throws IllegalArgumentException unless there are 4 corners, at least {@value #MIN_CORNER_DISTANCE} m apart, forming a
     *                                  convex quadrilateral with interior angles between {@value #MIN_CORNER_ANGLE} and
     *                                  180 - {@value #MIN_CORNER_ANGLE} degrees, at most {@value #MAX_EXTENT} m long and
     *                                  wide; or if the name is blank
     */
    public static FieldGeometry of(String name, List<GeoPoint> corners) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(corners, "corners");
        if (name.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
        if (corners.size() != CORNERS) {
            throw new IllegalArgumentException("field '" + name + "' needs exactly 4 corners (origin, along the length, "
                    + "opposite, along the width), got " + corners.size());
        }
        for (int i = 0; i < CORNERS; i++) {
            Objects.requireNonNull(corners.get(i), "corner " + (i + 1));
        }
        return new FieldGeometry(name, List.copyOf(corners));
    }

    /** A field from its four corners; see {@link #of(String, List)}. */
    public static FieldGeometry of(String name, GeoPoint origin, GeoPoint lengthCorner, GeoPoint oppositeCorner,
            GeoPoint widthCorner) {
        return of(name, List.of(origin, lengthCorner, oppositeCorner, widthCorner));
    }

    public String name() {
        return name;
    }

    /** The corners as given: origin, along the length, opposite, along the width. */
    public List<GeoPoint> corners() {
        return corners;
    }

    /** The corners in field coordinates: (0, 0), (length, 0), then the opposite and the width corners. */
    public List<FieldPosition> cornerPositions() {
        return cornerPositions;
    }

    /**
     * The position on this field of a point, when it lies on the field (edges included, give or take
     * {@value #EDGE_TOLERANCE} m, so x and y may be that much below 0 or beyond the far edges). Invalid coordinates
     * (NaN, out of range) are never on the field.
     */
    public Optional<FieldPosition> locate(double latitude, double longitude) {
        return Optional.ofNullable(locateOrNull(latitude, longitude));
    }

    /** {@link #locate(double, double)} for a point. */
    public Optional<FieldPosition> locate(GeoPoint point) {
        return locate(point.latitude(), point.longitude());
    }

    /** {@link #locate(double, double)} without the Optional, for callers scanning many fields. */
    FieldPosition locateOrNull(double latitude, double longitude) {
        // Besides skipping the trigonometry for the vast majority of fields, this keeps out points on the far side of
        // the Earth, which would otherwise project onto the tangent plane too.
        if (!bounds.contains(latitude, longitude)) {
            return null;
        }
        double lat = Math.toRadians(latitude);
        double sinLat = Math.sin(lat);
        double cosLat = Math.cos(lat);
        double deltaLon = Math.toRadians(wrapLongitude(longitude - originLongitude));
        double primeVertical = primeVerticalRadius(sinLat);
        double horizontal = primeVertical * cosLat;
        double dx = horizontal * Math.cos(deltaLon) - originX;
        double dy = horizontal * Math.sin(deltaLon);
        double dz = primeVertical * ONE_MINUS_E2 * sinLat - originZ;
        double x = xFromDx * dx + xFromDy * dy + xFromDz * dz;
        double y = yFromDx * dx + yFromDy * dy + yFromDz * dz;
        for (int i = 0; i < CORNERS; i++) {
            if (edgeNormalX[i] * x + edgeNormalY[i] * y < edgeOffset[i]) {
                return null;
            }
        }
        // Adding zero turns -0.0 into 0.0, so that the origin corner is (0, 0) and equal to it.
        return new FieldPosition(x + 0.0, y + 0.0);
    }

    /** The window of latitudes and longitudes outside which no point is on the field. */
    LatLonBox bounds() {
        return bounds;
    }

    /**
     * A window around a point amid the corners (their mean latitude and longitude: any point near the field would do),
     * as wide as the distance to the farthest corner: no point of a convex quadrilateral is farther than its farthest
     * corner. The closer to the middle, the smaller the window and the fewer points get past it to the exact test.
     */
    private LatLonBox boundsAroundMiddle(double[] xs, double[] ys) {
        double latitude = 0.0;
        double longitudeOffset = 0.0;
        for (GeoPoint corner : corners) {
            latitude += corner.latitude() / CORNERS;
            longitudeOffset += wrapLongitude(corner.longitude() - originLongitude) / CORNERS;
        }
        double longitude = wrapLongitude(originLongitude + longitudeOffset);
        double[] d = ecefOffset(latitude, longitude);
        double x = xFromDx * d[0] + xFromDy * d[1] + xFromDz * d[2];
        double y = yFromDx * d[0] + yFromDy * d[1] + yFromDz * d[2];
        double radius = 0.0;
        for (int i = 0; i < CORNERS; i++) {
            radius = Math.max(radius, Math.hypot(xs[i] - x, ys[i] - y));
        }
        return LatLonBox.around(latitude, longitude, radius + EDGE_TOLERANCE + BOUNDS_MARGIN);
    }

    /** The offset from the origin, in ECEF coordinates turned to put the origin's meridian at longitude 0. */
    private double[] ecefOffset(double latitude, double longitude) {
        double lat = Math.toRadians(latitude);
        double sinLat = Math.sin(lat);
        double cosLat = Math.cos(lat);
        double deltaLon = Math.toRadians(wrapLongitude(longitude - originLongitude));
        double primeVertical = primeVerticalRadius(sinLat);
        double horizontal = primeVertical * cosLat;
        return new double[] {
            horizontal * Math.cos(deltaLon) - originX,
            horizontal * Math.sin(deltaLon),
            primeVertical * ONE_MINUS_E2 * sinLat - originZ,
        };
    }

    /** The radius of curvature in the prime vertical, N = a / sqrt(1 - e^2 sin^2(lat)). */
    private static double primeVerticalRadius(double sinLat) {
        return Wgs84.SEMI_MAJOR_AXIS / Math.sqrt(1.0 - Wgs84.ECCENTRICITY_SQUARED * sinLat * sinLat);
    }

    /** Keeps longitude differences in [-180, 180], so that the angle fed to sin/cos is small and precise. */
    private static double wrapLongitude(double degrees) {
        if (degrees > 180.0) {
            return degrees - 360.0;
        }
        if (degrees < -180.0) {
            return degrees + 360.0;
        }
        return degrees;
    }

    private void requireNearOrigin(double[][] enu) {
        // A straight-line distance also catches corners on the far side of the Earth, which would project near the origin;
        // twice the extent lets the precise extent check below speak for merely too large fields.
        double limit = 2.0 * MAX_EXTENT;
        for (int i = 1; i < CORNERS; i++) {
            double distance = norm(enu[i][0], enu[i][1], enu[i][2]);
            if (distance > limit) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "field '%s': corner %d is %.1f m from the origin corner, too far for a field of at most %.0f x %.0f m",
                        name, i + 1, distance, MAX_EXTENT, MAX_EXTENT));
            }
        }
    }

    private void requireDistinct(double[][] enu) {
        for (int i = 0; i < CORNERS; i++) {
            for (int j = i + 1; j < CORNERS; j++) {
                double distance = norm(enu[j][0] - enu[i][0], enu[j][1] - enu[i][1], enu[j][2] - enu[i][2]);
                if (distance < MIN_CORNER_DISTANCE) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "field '%s': corners %d and %d are %.3f m apart, less than the minimum of %.1f m",
                            name, i + 1, j + 1, distance, MIN_CORNER_DISTANCE));
                }
            }
        }
    }

    private void requireWithinExtent(double[] coordinates, String direction) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double c : coordinates) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        if (max - min > MAX_EXTENT) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "field '%s' spans %.1f m along its %s, more than the maximum of %.0f m", name, max - min, direction,
                    MAX_EXTENT));
        }
    }

    private void requireConvex(double[] xs, double[] ys) {
        for (int i = 0; i < CORNERS; i++) {
            int previous = (i + CORNERS - 1) % CORNERS;
            int next = (i + 1) % CORNERS;
            double inX = xs[i] - xs[previous];
            double inY = ys[i] - ys[previous];
            double outX = xs[next] - xs[i];
            double outY = ys[next] - ys[i];
            // The heading change at the corner; a convex quadrilateral turns left by less than 180 degrees at every corner
            // (with the fourth corner on the positive y side, the order is counter-clockwise), four turns adding up to 360.
            double turn = Math.toDegrees(Math.atan2(inX * outY - inY * outX, inX * outX + inY * outY));
            double interior = 180.0 - turn;
            if (Math.abs(turn) < MIN_CORNER_ANGLE || Math.abs(turn) > 180.0 - MIN_CORNER_ANGLE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "field '%s' is degenerate: corners %d, %d and %d are almost in line (interior angle %.3f degrees at "
                                + "corner %d)", name, previous + 1, i + 1, next + 1, interior, i + 1));
            }
            if (turn < 0.0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "field '%s' is not a convex quadrilateral: the interior angle at corner %d is %.1f degrees; corners "
                                + "must be in order origin, along the length, opposite, along the width",
                        name, i + 1, interior));
            }
        }
    }

    private static double norm(double a, double b, double c) {
        return Math.sqrt(a * a + b * b + c * c);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldGeometry field && name.equals(field.name) && corners.equals(field.corners);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, corners);
    }

    @Override
    public String toString() {
        return "FieldGeometry[name=" + name + ", corners=" + corners + "]";
    }
}
