package io.insiders.stream.enrichment.geometry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of fields, each under a numeric id, that finds the field a position lies on.
 *
 * <p>Fields are bucketed by latitude band ({@value #BAND_DEGREES} degrees, about 1.1 km); a lookup reads the one band
 * the latitude falls in, then runs each candidate's latitude/longitude window check (a few comparisons, antimeridian
 * aware) and only for the rare survivors the exact test. A lookup thus costs about the same with hundreds of fields as
 * with one, unless many fields share a band.
 *
 * <p>When fields overlap, a position on several of them is reported on the one with the smallest id: the result does
 * not depend on the order the fields were given in.
 */
public final class FieldIndex {

    private static final double BAND_DEGREES = 0.01;
    private static final int BAND_COUNT = (int) Math.round(180.0 / BAND_DEGREES) + 1;
    private static final Entry[] NO_ENTRIES = new Entry[0];
    private static final FieldIndex EMPTY = new FieldIndex(new TreeMap<>());

    private final SortedMap<Long, FieldGeometry> fields;
    /** Per latitude band, the fields whose window reaches into it, by ascending id. */
    private final Entry[][] bands;

    private FieldIndex(TreeMap<Long, FieldGeometry> fields) {
        this.fields = Collections.unmodifiableSortedMap(fields);
        List<List<Entry>> byBand = new ArrayList<>(Collections.nCopies(BAND_COUNT, null));
        // Ascending ids in, ascending ids out in every band: the first match is the smallest id.
        for (Map.Entry<Long, FieldGeometry> field : fields.entrySet()) {
            Entry entry = new Entry(field.getKey(), field.getValue());
            LatLonBox bounds = field.getValue().bounds();
            for (int band = band(bounds.minLatitude()); band <= band(bounds.maxLatitude()); band++) {
                if (byBand.get(band) == null) {
                    byBand.set(band, new ArrayList<>());
                }
                byBand.get(band).add(entry);
            }
        }
        this.bands = new Entry[BAND_COUNT][];
        for (int band = 0; band < BAND_COUNT; band++) {
            List<Entry> entries = byBand.get(band);
            bands[band] = entries == null ? NO_ENTRIES : entries.toArray(NO_ENTRIES);
        }
    }

    /** An index of the given fields, keyed by field id. */
    public static FieldIndex of(Map<Long, FieldGeometry> fields) {
        Objects.requireNonNull(fields, "fields");
        TreeMap<Long, FieldGeometry> copy = new TreeMap<>();
        fields.forEach((id, geometry) -> copy.put(Objects.requireNonNull(id, "field id"),
                Objects.requireNonNull(geometry, () -> "geometry of field " + id)));
        return copy.isEmpty() ? EMPTY : new FieldIndex(copy);
    }

    /** The index without fields: nothing is ever on a field. */
    public static FieldIndex empty() {
        return EMPTY;
    }

    public int size() {
        return fields.size();
    }

    /** The fields by ascending id, unmodifiable. */
    public SortedMap<Long, FieldGeometry> fields() {
        return fields;
    }

    public Optional<FieldGeometry> field(long fieldId) {
        return Optional.ofNullable(fields.get(fieldId));
    }

    /**
     * The field a point lies on and its position there, or empty when it lies on none (or its coordinates are invalid).
     * On overlapping fields, the one with the smallest id wins.
     */
    public Optional<FieldHit> locate(double latitude, double longitude) {
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            return Optional.empty();
        }
        for (Entry entry : bands[band(latitude)]) {
            FieldPosition position = entry.geometry().locateOrNull(latitude, longitude);
            if (position != null) {
                return Optional.of(new FieldHit(entry.fieldId(), position.x(), position.y()));
            }
        }
        return Optional.empty();
    }

    /** {@link #locate(double, double)} for a point. */
    public Optional<FieldHit> locate(GeoPoint point) {
        return locate(point.latitude(), point.longitude());
    }

    /** Monotonic in the latitude, so a window's first and last bands enclose every latitude within it. */
    private static int band(double latitude) {
        int band = (int) Math.floor((latitude + 90.0) / BAND_DEGREES);
        return Math.max(0, Math.min(BAND_COUNT - 1, band));
    }

    @Override
    public String toString() {
        return "FieldIndex" + fields.keySet();
    }

    private record Entry(long fieldId, FieldGeometry geometry) {
    }
}
