package io.insiders.stream.latest;

import io.insiders.stream.storage.WriteBehindStore;
import io.insiders.stream.storage.WriteBehindStoreBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Each device's latest timestamp: the largest frame time seen, not the time of the last frame to
 * arrive, so it never moves back when an older frame (an upload, a retry) comes in late.
 *
 * <p>The store maps the device name to the time in the bytes of Kafka's String and Long serdes (UTF-8; 8 bytes,
 * big-endian), which the store held when it was typed with them.
 */
public final class LatestTimestamps {

    /** The store's name, for interactive queries. */
    public static final String STORE = "latest-timestamps";
    /** The store's bytes are these serdes' (it was typed with them, and its data must read as before). */
    private static final Serde<String> NAMES = Serdes.String();
    private static final Serde<Long> TIMES = Serdes.Long();

    private final KeyValueStore<Bytes, byte[]> store;
    private final WriteBehindStore behind;

    /**
     * What the task remembers of one device's latest timestamp, once read or written, and what holds it in the store:
     * most frames are older than none of them, or newer. Only this task writes its devices' entries, so what it
     * remembers is what the store holds.
     */
    public static final class Known {
        private boolean loaded;
        private boolean present;
        private long latest;
        private WriteBehindStore.Held entry;
    }

    /** The latest timestamps in {@code store}, which must be written behind ({@link #storeBuilder()}). */
    public LatestTimestamps(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        this.behind = WriteBehindStore.of(store);
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
        return TIMES.deserializer().deserialize(STORE, store.get(key(device)));
    }

    /** The device of a key of the store. */
    public static String device(Bytes key) {
        return NAMES.deserializer().deserialize(STORE, key.get());
    }

    /** Records a frame of {@code device}, which {@code known} remembers, at {@code time}; true when it is the device's newest. */
    public boolean offer(Known known, String device, long time) {
        if (!known.loaded) {
            Long stored = read(store, device);
            known.present = stored != null;
            known.latest = stored == null ? 0 : stored;
            known.loaded = true;
        }
        if (known.present && known.latest >= time) {
            return false;
        }
        byte[] value = TIMES.serializer().serialize(STORE, time);
        known.entry = known.entry == null ? behind.hold(key(device), value) : behind.write(known.entry, value);
        known.present = true;
        known.latest = time;
        return true;
    }

    private static Bytes key(String device) {
        return Bytes.wrap(NAMES.serializer().serialize(STORE, device));
    }
}
