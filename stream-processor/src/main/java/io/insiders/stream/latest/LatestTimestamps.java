package io.insiders.stream.latest;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Each device's latest timestamp: the largest frame time seen, not the time of the last frame to
 * arrive, so it never moves back when an older frame (an upload, a retry) comes in late.
 */
public final class LatestTimestamps {

    /** The store's name, for interactive queries. */
    public static final String STORE = "latest-timestamps";

    private final KeyValueStore<String, Long> store;
    /** The latest timestamps this task has read or written: most frames are older than none of them, or newer. */
    private final Map<String, Long> known = new HashMap<>();

    public LatestTimestamps(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /**
     * The store: one small entry per device, kept as long as the device exists. Cached: a device
     * writes its entry ten times a second, and the cache sends only the last value of each commit
     * interval to RocksDB and the changelog.
     */
    public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    /** Records a frame of {@code device} at {@code time}; true when it is the device's newest. */
    public boolean offer(String device, long time) {
        // Only this task writes its devices' entries, so what it remembers is what the store holds.
        Long latest = known.computeIfAbsent(device, store::get);
        if (latest != null && latest >= time) {
            return false;
        }
        store.put(device, time);
        known.put(device, time);
        return true;
    }
}
