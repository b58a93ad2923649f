package io.insiders.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.insiders.schemas.ActivityRange;

/**
 * What a downstream consumer does with {@code insiders.activity-ranges}: folds the changes, in
 * order, into the current ranges, keyed by (device, start). A retraction removes its range; any
 * other record puts its range, replacing the one with the same key.
 */
public final class ActivityRangeFold {

    private record Key(String device, long start) {
    }

    private final Map<Key, RangeView> ranges = new TreeMap<>((a, b) -> {
        int byDevice = a.device().compareTo(b.device());
        return byDevice != 0 ? byDevice : Long.compare(a.start(), b.start());
    });

    /** Applies one change, as decoded with the generated class. */
    public ActivityRangeFold apply(ActivityRange change) {
        return apply(change.getDeviceName(), change.getStart(), change.getStop(), change.getSize(), change.getRetracted());
    }

    /** Applies changes in order. */
    public ActivityRangeFold applyAll(Collection<ActivityRange> changes) {
        changes.forEach(this::apply);
        return this;
    }

    /** Applies one change given by its fields. */
    public ActivityRangeFold apply(String device, long start, long stop, long size, boolean retracted) {
        Key key = new Key(device, start);
        if (retracted) {
            ranges.remove(key);
        } else {
            ranges.put(key, new RangeView(device, start, stop, size));
        }
        return this;
    }

    /** The current ranges, by device then start. */
    public List<RangeView> ranges() {
        List<RangeView> result = new ArrayList<>(ranges.values());
        Collections.sort(result);
        return result;
    }
}
