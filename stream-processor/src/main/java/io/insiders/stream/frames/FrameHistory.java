package io.insiders.stream.frames;

import java.util.ArrayList;
import java.util.List;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every device's enriched frames by time, in RocksDB: one entry per (device, time), under a
 * {@link DeviceTimeKey}. A range of one device's frames is a seek and a scan of that range only, in
 * time order or newest first. A frame sent again for the same device and time replaces the earlier.
 * Entries older than the retention are deleted by {@link #expire}.
 */
public final class FrameHistory {

    /** The store's name, for interactive queries. */
    public static final String STORE = "frames-by-time";

    /** What a put did. */
    public enum Change {
        /** No frame of that device had that time. */
        NEW,
        /** A different frame of that device at that time was replaced. */
        REPLACED,
        /** The same frame was there already. */
        UNCHANGED
    }

    private final KeyValueStore<Bytes, EnrichedFrame> store;

    public FrameHistory(KeyValueStore<Bytes, EnrichedFrame> store) {
        this.store = store;
    }

    /** The store, with its changelog. */
    public static StoreBuilder<KeyValueStore<Bytes, EnrichedFrame>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                org.apache.kafka.common.serialization.Serdes.Bytes(), Serdes.enrichedFrame());
    }

    /** Stores {@code frame} of {@code device} at its time, replacing any other frame of that time. */
    public Change put(String device, EnrichedFrame frame) {
        return put(device, frame, () -> { });
    }

    /**
     * {@link #put(String, EnrichedFrame)}, running {@code beforeNew} just before a {@link Change#NEW} frame is
     * written: an index that must never lag behind the frames a query can see ({@link FrameCounts}) writes then.
     */
    public Change put(String device, EnrichedFrame frame, Runnable beforeNew) {
        Bytes key = DeviceTimeKey.of(device, frame.getTimestamp());
        EnrichedFrame previous = store.get(key);
        if (frame.equals(previous)) {
            return Change.UNCHANGED;
        }
        if (previous == null) {
            beforeNew.run();
        }
        store.put(key, frame);
        return previous == null ? Change.NEW : Change.REPLACED;
    }

    /** Deletes the frames of {@code device} older than {@code cutoff}; returns how many. */
    public int expire(String device, long cutoff) {
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, EnrichedFrame> expired = store.range(DeviceTimeKey.first(device),
                DeviceTimeKey.of(device, cutoff - 1))) {
            expired.forEachRemaining(entry -> old.add(entry.key));
        }
        old.forEach(store::delete);
        return old.size();
    }

    /** The frame of {@code device} at {@code time}, or null. */
    public static EnrichedFrame at(ReadOnlyKeyValueStore<Bytes, EnrichedFrame> store, String device, long time) {
        return store.get(DeviceTimeKey.of(device, time));
    }

    /** At most {@code limit} frames of {@code device} in [from, to], in time order. */
    public static List<EnrichedFrame> between(ReadOnlyKeyValueStore<Bytes, EnrichedFrame> store, String device, long from,
                                              long to, int limit) {
        List<EnrichedFrame> frames = new ArrayList<>();
        if (from > to) {
            return frames;
        }
        try (KeyValueIterator<Bytes, EnrichedFrame> range = store.range(DeviceTimeKey.of(device, from),
                DeviceTimeKey.of(device, to))) {
            while (frames.size() < limit && range.hasNext()) {
                frames.add(range.next().value);
            }
        }
        return frames;
    }

    /** The {@code n} newest frames of {@code device}, newest first. */
    public static List<EnrichedFrame> newest(ReadOnlyKeyValueStore<Bytes, EnrichedFrame> store, String device, int n) {
        List<EnrichedFrame> frames = new ArrayList<>(Math.min(n, 1024));
        try (KeyValueIterator<Bytes, EnrichedFrame> backwards = store.reverseRange(DeviceTimeKey.first(device),
                DeviceTimeKey.last(device))) {
            while (frames.size() < n && backwards.hasNext()) {
                KeyValue<Bytes, EnrichedFrame> entry = backwards.next();
                frames.add(entry.value);
            }
        }
        return frames;
    }
}
