package io.insiders.stream.frames;

import java.time.Duration;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Serdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Every device's enriched frames by time, in a RocksDB window store: one entry per (device, time).
 *
 * <p>The store is segmented by time, so a range of one device is a seek and a scan of that range
 * only, the newest N are a backward scan from the end, and retention drops whole segments. Duplicates
 * are not retained: a frame sent again for the same device and time replaces the earlier one.
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

    private final WindowStore<String, EnrichedFrame> store;

    public FrameHistory(WindowStore<String, EnrichedFrame> store) {
        this.store = store;
    }

    /** The store, kept for {@code retention}. */
    public static StoreBuilder<WindowStore<String, EnrichedFrame>> storeBuilder(Duration retention) {
        Serde<EnrichedFrame> values = Serdes.enrichedFrame();
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, retention, Duration.ofMillis(1), false),
                org.apache.kafka.common.serialization.Serdes.String(), values);
    }

    /** Stores {@code frame} of {@code device} at its time, replacing any other frame of that time. */
    public Change put(String device, EnrichedFrame frame) {
        long time = frame.getTimestamp();
        EnrichedFrame previous = store.fetch(device, time);
        if (frame.equals(previous)) {
            return Change.UNCHANGED;
        }
        store.put(device, frame, time);
        return previous == null ? Change.NEW : Change.REPLACED;
    }
}
