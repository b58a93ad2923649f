package io.insiders.stream.frames;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.storage.WriteBehindStore;
import io.insiders.stream.storage.WriteBehindStoreBuilder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Every device's enriched frames by time, in RocksDB, one entry per device and second: under the
 * {@link DeviceTimeKey} of the second's start, a {@link FrameBlock} of the frames of that second (ten at 10 Hz) in
 * time order. A range of one device's frames is a seek and a scan of that range only, in time order or newest
 * first. A frame sent again for the same device and time replaces the earlier. Entries older than the retention
 * are deleted by {@link #expire}.
 *
 * <p>Why a second per entry rather than a frame: the store is written behind
 * ({@link io.insiders.stream.storage.WriteBehindStore}), so the ten writes a second gets from a device reach RocksDB
 * and the changelog as one or two writes per commit instead of ten, and a listing reads a tenth of the entries
 * (docs/benchmarks.md says what it bought).
 */
public final class FrameHistory {

    /** The store's name, for interactive queries. */
    public static final String STORE = "frames-by-second";
    /** The time an entry spans. */
    public static final long BLOCK_MS = 1_000;

    /** What a put did. */
    public enum Change {
        /** No frame of that device had that time. */
        NEW,
        /** A different frame of that device at that time was replaced. */
        REPLACED,
        /** The same frame was there already. */
        UNCHANGED
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final WriteBehindStore behind;

    /**
     * What the task remembers of one device's frames: the block it wrote last, as the store holds it, and what holds
     * that block in the store. Nearly every frame goes to the block of its device's previous frame, which this answers
     * for without a read of the store or a look-up of the key. Only the task that owns a device writes its entries,
     * through its {@code Written}, so the copy stays exact; expiry forgets it.
     */
    public static final class Written {
        private long start;
        private byte[] block;
        private WriteBehindStore.Held entry;
        /**
         * The start of the device's newest second in the store ({@link Long#MIN_VALUE}: none), once read: nearly every
         * second a device starts is later, and known absent without a read. Deletions (expiry) leave it an upper bound.
         */
        private long newest;
        private boolean newestRead;

        private void forget() {
            block = null;
            entry = null;
        }
    }

    /** The history in {@code store}, which must be written behind ({@link #storeBuilder()}). */
    public FrameHistory(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        this.behind = WriteBehindStore.of(store);
    }

    /** The store, with its changelog, written behind (which merges the writes of a second within a commit). */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return WriteBehindStoreBuilder.persistent(STORE);
    }

    /** The start of the second that holds {@code time}. */
    public static long blockOf(long time) {
        return Math.floorDiv(time, BLOCK_MS) * BLOCK_MS;
    }

    /**
     * Stores {@code frame} of {@code device} at its time, replacing any other frame of that time; {@code written} is
     * what the task remembers of the device. A {@link Change#NEW} frame is stored with the arrival ordinal that
     * {@code ordinalIfNew} gives, asked just before it is written ({@link FrameCounts}); a replaced one keeps its own.
     */
    public Change put(Written written, String device, EnrichedFrame frame, IntSupplier ordinalIfNew) {
        long time = frame.getTimestamp();
        long start = blockOf(time);
        boolean known = written.entry != null && written.start == start;
        byte[] block;
        if (known) {
            block = written.block;
        } else if (start > newestSecond(written, device)) {
            block = null;
        } else {
            block = store.get(DeviceTimeKey.of(device, start));
        }
        int at = block == null ? -1 : FrameBlock.indexOf(block, time);
        byte[] record;
        if (at >= 0) {
            record = FrameBlock.record(frame, FrameBlock.ordinal(block, at));
            if (FrameBlock.sameRecord(block, at, record)) {
                return Change.UNCHANGED;
            }
            write(written, known, device, start, FrameBlock.replace(block, at, record));
            return Change.REPLACED;
        }
        record = FrameBlock.record(frame, ordinalIfNew.getAsInt());
        write(written, known, device, start, FrameBlock.insert(block, -at - 1, record));
        return Change.NEW;
    }

    private void write(Written written, boolean known, String device, long start, byte[] block) {
        if (!known && written.entry != null && start > written.start) {
            // The device has moved on to a later second: its previous one is complete.
            behind.finished(written.entry);
        }
        written.entry = known ? behind.write(written.entry, block) : behind.hold(DeviceTimeKey.of(device, start), block);
        written.start = start;
        written.block = block;
        written.newest = Math.max(written.newest, start);
    }

    /**
     * The start of the newest second of {@code device} in the store ({@link Long#MIN_VALUE} when it has none), which
     * {@code written} remembers once read: the store holds no frame of the device in a later second.
     *
     * <p>Why: the devices take their fixes on the same tenths of a second, so they all start a new second within the
     * same burst of frames, and a read of the store for each new second's block (a RocksDB look-up of a key that is not
     * there) made that burst cost five times the others: the frames that came just after the turn of a second waited
     * hundreds of milliseconds (docs/benchmarks.md, change 23).
     */
    public long newestSecond(Written written, String device) {
        if (!written.newestRead) {
            try (KeyValueIterator<Bytes, byte[]> newestFirst =
                         store.reverseRange(DeviceTimeKey.first(device), DeviceTimeKey.last(device))) {
                written.newest = newestFirst.hasNext() ? DeviceTimeKey.time(newestFirst.next().key) : Long.MIN_VALUE;
            }
            written.newestRead = true;
        }
        return written.newest;
    }

    /** Deletes the frames of {@code device} older than {@code cutoff}; returns how many. */
    public int expire(Written written, String device, long cutoff) {
        written.forget();
        long edge = blockOf(cutoff);
        List<Bytes> old = new ArrayList<>();
        int gone = 0;
        try (KeyValueIterator<Bytes, byte[]> expired = store.range(DeviceTimeKey.first(device), DeviceTimeKey.of(device, edge - 1))) {
            while (expired.hasNext()) {
                KeyValue<Bytes, byte[]> entry = expired.next();
                old.add(entry.key);
                gone += FrameBlock.size(entry.value);
            }
        }
        old.forEach(store::delete);
        if (cutoff > edge) {
            Bytes key = DeviceTimeKey.of(device, edge);
            byte[] block = store.get(key);
            if (block != null) {
                byte[] rest = FrameBlock.from(block, FrameBlock.firstAtOrAfter(block, cutoff));
                gone += FrameBlock.size(block) - FrameBlock.size(rest);
                if (FrameBlock.size(rest) == 0) {
                    store.delete(key);
                } else if (rest.length != block.length) {
                    store.put(key, rest);
                }
            }
        }
        return gone;
    }

    /** How many frames of {@code device} lie in [from, to]. */
    public static int count(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long from, long to) {
        int count = 0;
        if (from > to) {
            return count;
        }
        try (KeyValueIterator<Bytes, byte[]> range = store.range(DeviceTimeKey.of(device, blockOf(from)), DeviceTimeKey.of(device, to))) {
            while (range.hasNext()) {
                byte[] block = range.next().value;
                for (int i = 0; i < FrameBlock.size(block); i++) {
                    long time = FrameBlock.time(block, i);
                    if (time >= from && time <= to) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** The frame of {@code device} at {@code time}, or null. */
    public static EnrichedFrame at(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long time) {
        byte[] block = store.get(DeviceTimeKey.of(device, blockOf(time)));
        int at = block == null ? -1 : FrameBlock.indexOf(block, time);
        return at < 0 ? null : FrameBlock.frame(block, at, device);
    }

    /** At most {@code limit} frames of {@code device} in [from, to], in time order. */
    public static List<EnrichedFrame> between(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long from,
                                              long to, int limit) {
        List<EnrichedFrame> frames = new ArrayList<>();
        for (StoredFrame stored : stored(store, device, from, to, limit)) {
            frames.add(stored.frame());
        }
        return frames;
    }

    /** At most {@code limit} frames of {@code device} in [from, to], in time order, each with its arrival ordinal. */
    public static List<StoredFrame> stored(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long from, long to,
                                           int limit) {
        List<StoredFrame> frames = new ArrayList<>();
        if (from > to) {
            return frames;
        }
        try (KeyValueIterator<Bytes, byte[]> range = store.range(DeviceTimeKey.of(device, blockOf(from)), DeviceTimeKey.of(device, to))) {
            while (frames.size() < limit && range.hasNext()) {
                byte[] block = range.next().value;
                for (int i = 0; i < FrameBlock.size(block) && frames.size() < limit; i++) {
                    long time = FrameBlock.time(block, i);
                    if (time >= from && time <= to) {
                        frames.add(new StoredFrame(FrameBlock.frame(block, i, device), FrameBlock.ordinal(block, i)));
                    }
                }
            }
        }
        return frames;
    }

    /** The {@code n} newest frames of {@code device}, newest first. */
    public static List<EnrichedFrame> newest(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, int n) {
        List<EnrichedFrame> frames = new ArrayList<>(Math.min(n, 1024));
        try (KeyValueIterator<Bytes, byte[]> backwards = store.reverseRange(DeviceTimeKey.first(device),
                DeviceTimeKey.last(device))) {
            while (frames.size() < n && backwards.hasNext()) {
                byte[] block = backwards.next().value;
                for (int i = FrameBlock.size(block) - 1; i >= 0 && frames.size() < n; i--) {
                    frames.add(FrameBlock.frame(block, i, device));
                }
            }
        }
        return frames;
    }

    /**
     * A stored frame and its arrival ordinal: the {@link FrameBucket#added()} of its minute once it arrived, so a
     * reader that noted a minute's {@code added} tells the frames that came since (0 for frames that came before
     * the counts existed).
     */
    public record StoredFrame(EnrichedFrame frame, int ordinal) {
    }
}
