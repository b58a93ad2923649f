package io.insiders.stream.latest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.insiders.stream.storage.WriteBehindStoreBuilder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Each device's latest timestamp: the largest frame time seen, not the time of the last frame to
 * arrive, so it never moves back when an older frame (an upload, a retry) comes in late.
 *
 * <p>The store maps the device name (UTF-8) to the time (8 bytes, big-endian): the bytes Kafka's String and Long
 * serdes write, which the store held when it was typed with them.
 */
public final class LatestTimestamps {

    /** The store's name, for interactive queries. */
    public static final String STORE = "latest-timestamps";

    private final KeyValueStore<Bytes, byte[]> store;
    /** The latest timestamps this task has read or written: most frames are older than none of them, or newer. */
    private final Map<String, Long> known = new HashMap<>();

    public LatestTimestamps(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * The store: one small entry per device, kept as long as the device exists. Written behind: a device writes its
     * entry ten times a second, and only the last value of each commit interval reaches RocksDB and the changelog.
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return WriteBehindStoreBuilder.persistent(STORE);
    }

    /** The latest timestamp of {@code device} in {@code store}, or null. */
    public static Long read(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device) {
        byte[] value = store.get(key(device));
        return value == null ? null : ByteBuffer.wrap(value).getLong();
    }

    /** The device of a key of the store. */
    public static String device(Bytes key) {
        return new String(key.get(), StandardCharsets.UTF_8);
    }

    /** Records a frame of {@code device} at {@code time}; true when it is the device's newest. */
    public boolean offer(String device, long time) {
        // Only this task writes its devices' entries, so what it remembers is what the store holds.
        Long latest = known.computeIfAbsent(device, name -> read(store, name));
        if (latest != null && latest >= time) {
            return false;
        }
        store.put(key(device), ByteBuffer.allocate(Long.BYTES).putLong(time).array());
        known.put(device, time);
        return true;
    }

    private static Bytes key(String device) {
        return Bytes.wrap(device.getBytes(StandardCharsets.UTF_8));
    }
}
