package io.insiders.stream.ranges;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.insiders.schemas.ActivityRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Activity ranges: a device's samples grouped so that consecutive samples at most the inactivity
 * gap apart (bound included) are one range; {@code size} counts its distinct samples.
 *
 * <p>Kept in a RocksDB session store, one entry per range. A sample is merged with every range
 * within the gap of it, in whatever order samples arrive: a late sample that bridges two ranges
 * makes one, as if the samples had come in order. The caller passes each distinct sample once
 * (the frame history tells new samples from repeats), so sizes never count a sample twice.
 */
public final class ActivityRanges {

    /** The store's name, for interactive queries. */
    public static final String STORE = "activity-ranges";

    private final SessionStore<String, Long> store;
    private final long gapMs;

    public ActivityRanges(SessionStore<String, Long> store, Duration gap) {
        this.store = store;
        this.gapMs = gap.toMillis();
    }

    /** The store, keeping ranges for {@code retention}. */
    public static StoreBuilder<SessionStore<String, Long>> storeBuilder(Duration retention) {
        return Stores.sessionStoreBuilder(Stores.persistentSessionStore(STORE, retention), Serdes.String(), Serdes.Long());
    }

    /**
     * Adds a new sample of {@code device} at {@code time}.
     *
     * @return the changes to publish, in order: the ranges merged away (retracted), then the range
     *     that now holds the sample
     */
    public List<ActivityRange> add(String device, long time) {
        long start = time;
        long stop = time;
        long size = 1;
        List<Windowed<String>> merged = new ArrayList<>(2);
        // Every range that ends at or after time - gap and starts at or before time + gap is within the gap.
        try (KeyValueIterator<Windowed<String>, Long> near = store.findSessions(device, time - gapMs, time + gapMs)) {
            while (near.hasNext()) {
                KeyValue<Windowed<String>, Long> range = near.next();
                start = Math.min(start, range.key.window().start());
                stop = Math.max(stop, range.key.window().end());
                size += range.value;
                merged.add(range.key);
            }
        }
        List<ActivityRange> changes = new ArrayList<>(merged.size() + 1);
        for (Windowed<String> old : merged) {
            store.remove(old);
            if (old.window().start() != start) {
                changes.add(range(device, old.window().start(), old.window().end(), 0, true));
            }
        }
        store.put(new Windowed<>(device, new SessionWindow(start, stop)), size);
        changes.add(range(device, start, stop, size, false));
        return changes;
    }

    private static ActivityRange range(String device, long start, long stop, long size, boolean retracted) {
        return ActivityRange.newBuilder().setDeviceName(device).setStart(start).setStop(stop).setSize(size)
                .setRetracted(retracted).build();
    }
}
