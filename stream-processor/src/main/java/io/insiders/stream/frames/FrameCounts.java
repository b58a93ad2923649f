package io.insiders.stream.frames;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.insiders.stream.storage.WriteBehindStore;
import io.insiders.stream.storage.WriteBehindStoreBuilder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The index that lets a reader count and page a device's frames over an interval without reading
 * them: how many frames each device has per minute, and which frames arrived in the last minutes.
 *
 * <ul>
 *   <li>{@value #STORE}: {@code (device, minute start)} as a {@link DeviceTimeKey}, to
 *       {@code [count: int][added: int]} (a {@link FrameBucket}). {@code count} is the number of frames stored in
 *       that minute; {@code added} the number ever added to it, which only grows.</li>
 *   <li>{@value #ARRIVALS_STORE}: the arrival of every new frame, kept {@link #ARRIVALS_KEPT} after it: its ordinal, the
 *       frame's time and the arrival time. The ordinal is the minute's {@code added} once the frame came: a reader that
 *       noted a minute's {@code added} earlier finds the frames that came since, and a reader of some minutes reads the
 *       arrivals of those minutes only, however many frames arrived elsewhere (a two-day upload). Arrivals are kept by
 *       groups of {@value #ARRIVALS_PER_ENTRY} ordinals: under {@code (device, minute start, first ordinal of the group)}
 *       (a {@link DeviceTimeKey} and 4 bytes), {@code [ordinal: int][frame time: long][arrival time: long]} per arrival,
 *       so that a minute's arrivals are a few entries, not one per frame.</li>
 * </ul>
 *
 * <p>A new frame is written in this order, all on the task's thread: its arrival ({@link #arriving}), the frame
 * ({@link FrameHistory#put}, with the arrival's ordinal), its count ({@link #arrived}). Interactive queries
 * read the stores while they change, one store at a time, so the order is what makes a listing's snapshot exact:
 * whoever sees a minute's count can see every frame that count includes, and whoever sees a frame can see its
 * arrival. A minute holds at most 60,000 frames (one per millisecond), so the counts are ints.
 *
 * <p>Both stores are written behind ({@link io.insiders.stream.storage.WriteBehindStore}): a live device rewrites
 * its minute's count ten times a second, and its arrival group at each frame, and the stores send RocksDB and the
 * changelogs their last state once per commit. Queries read the writes held back too, so the order above holds for
 * them.
 */
public final class FrameCounts {

    /** The per-minute counts, for interactive queries. */
    public static final String STORE = "frame-counts";
    /** The recent arrivals, for interactive queries. */
    public static final String ARRIVALS_STORE = "frame-arrivals";
    /** The width of a count bucket: one minute. */
    public static final long BUCKET_MS = 60_000;
    /**
     * How long an arrival is remembered, at least: a reader must not need arrivals older than this (a listing's snapshot
     * needs the arrivals since it was taken). They are pruned with the expiry, so they may stay up to one expiry
     * interval longer.
     */
    public static final Duration ARRIVALS_KEPT = Duration.ofMinutes(10);
    /** Arrivals per entry of the arrivals store. */
    static final int ARRIVALS_PER_ENTRY = 16;
    private static final int ARRIVAL_BYTES = Integer.BYTES + 2 * Long.BYTES;

    /**
     * Present once the counts cover every stored frame. No {@link DeviceTimeKey} is this single byte (it would
     * announce a 255-byte name), and it sorts before every device's range, so no reader meets it.
     */
    private static final Bytes COMPLETE = Bytes.wrap(new byte[] {(byte) 0xFF});

    private final KeyValueStore<Bytes, byte[]> counts;
    private final KeyValueStore<Bytes, byte[]> arrivals;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> frames;
    private final WriteBehindStore countsBehind;
    private final WriteBehindStore arrivalsBehind;
    private Bytes rebuildFrom;
    /** Moves on when a recount rewrites the counts of any device: every {@link Recent#bucket} is then stale. */
    private int recounts;

    /**
     * What the task remembers of one device's index: the minute and the arrival group it wrote last, as the stores hold
     * them, and what holds them in the stores. Nearly every frame goes to those of its device's previous frame, which
     * this answers for without reads of the stores or look-ups of the keys. Only the task that owns a device writes
     * its entries, through its {@code Recent}, so the copies stay exact; whatever else changes an entry (expiry,
     * pruning, a recount) forgets the copy.
     */
    public static final class Recent {
        private FrameBucket bucket;
        private int bucketRecounts;
        private WriteBehindStore.Held bucketEntry;
        private long groupMinute;
        private int groupFirst;
        private byte[] group;
        private WriteBehindStore.Held groupEntry;
    }

    /** The index kept in {@code counts} and {@code arrivals} (both written behind), for the frames of {@code frames}. */
    public FrameCounts(KeyValueStore<Bytes, byte[]> counts, KeyValueStore<Bytes, byte[]> arrivals,
                       ReadOnlyKeyValueStore<Bytes, byte[]> frames) {
        this.counts = counts;
        this.arrivals = arrivals;
        this.frames = frames;
        this.countsBehind = WriteBehindStore.of(counts);
        this.arrivalsBehind = WriteBehindStore.of(arrivals);
    }

    /** The counts store, with its changelog, written behind. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> countsStoreBuilder() {
        return WriteBehindStoreBuilder.persistent(STORE);
    }

    /** The arrivals store, with its changelog, written behind. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> arrivalsStoreBuilder() {
        return WriteBehindStoreBuilder.persistent(ARRIVALS_STORE);
    }

    /** The start of the minute that holds {@code time}. */
    public static long bucketOf(long time) {
        return Math.floorDiv(time, BUCKET_MS) * BUCKET_MS;
    }

    // ---- the pipeline's side

    /**
     * First step of adding a new frame of {@code device} at {@code time}, before the frame is stored: its arrival at
     * {@code now}; {@code recent} is what the task remembers of the device. Returns its ordinal.
     *
     * <p>{@code emptyMinute}: the store holds no frame of the device in the minute of {@code time} or later
     * ({@link FrameHistory#newestSecond}), so that minute has no count and no arrivals yet, and neither is read. Nor is
     * a group that this arrival starts, after the device's previous group of the same minute: no arrival of the
     * minute has its ordinal yet. The devices start their minutes and groups in the same bursts of frames, and these
     * reads of absent keys made those bursts the slowest (docs/benchmarks.md, change 23).
     */
    public int arriving(Recent recent, String device, long time, long now, boolean emptyMinute) {
        long start = bucketOf(time);
        int ordinal = bucket(recent, device, start, emptyMinute).added() + 1;
        int first = groupOf(ordinal);
        boolean sameMinute = recent.group != null && recent.groupMinute == start;
        boolean known = sameMinute && recent.groupFirst == first;
        boolean nextInMinute = sameMinute && first > recent.groupFirst && ordinal == first;
        byte[] group = known ? recent.group
                : emptyMinute || nextInMinute ? null : arrivals.get(arrivalKey(device, start, first));
        int length = group == null ? 0 : group.length;
        byte[] grown = group == null ? new byte[ARRIVAL_BYTES] : Arrays.copyOf(group, length + ARRIVAL_BYTES);
        ByteBuffer.wrap(grown, length, ARRIVAL_BYTES).putInt(ordinal).putLong(time).putLong(now);
        if (!known && recent.groupEntry != null
                && (start > recent.groupMinute || start == recent.groupMinute && first > recent.groupFirst)) {
            // The device has moved on to a later group: the previous one is full (or its minute past).
            arrivalsBehind.finished(recent.groupEntry);
        }
        recent.groupEntry = known ? arrivalsBehind.write(recent.groupEntry, grown)
                : arrivalsBehind.hold(arrivalKey(device, start, first), grown);
        recent.groupMinute = start;
        recent.groupFirst = first;
        recent.group = grown;
        return ordinal;
    }

    /** The first ordinal of the group of {@code ordinal} (ordinals start at 1). */
    private static int groupOf(int ordinal) {
        return Math.floorDiv(ordinal - 1, ARRIVALS_PER_ENTRY) * ARRIVALS_PER_ENTRY + 1;
    }

    /** Last step of adding a new frame, once it is stored: counts it ({@code emptyMinute} as for {@link #arriving}). */
    public void arrived(Recent recent, String device, long time, boolean emptyMinute) {
        long start = bucketOf(time);
        boolean known = knows(recent, start);
        FrameBucket bucket = bucket(recent, device, start, emptyMinute);
        FrameBucket now = new FrameBucket(start, bucket.count() + 1, bucket.added() + 1);
        byte[] value = value(now.count(), now.added());
        recent.bucketEntry = known ? countsBehind.write(recent.bucketEntry, value)
                : countsBehind.hold(DeviceTimeKey.of(device, start), value);
        recent.bucket = now;
        recent.bucketRecounts = recounts;
    }

    /**
     * Uncounts the frames of {@code device} older than {@code cutoff}. Call it before {@link FrameHistory#expire}
     * deletes them: the minute that holds the cutoff is counted again from its frames.
     */
    public void expire(Recent recent, String device, long cutoff) {
        recent.bucket = null;
        long edge = bucketOf(cutoff);
        if (edge > 0) {
            List<Bytes> whole = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> old = counts.range(DeviceTimeKey.first(device), DeviceTimeKey.of(device, edge - 1))) {
                old.forEachRemaining(entry -> whole.add(entry.key));
            }
            whole.forEach(counts::delete);
        }
        if (cutoff > edge) {
            int gone = FrameHistory.count(frames, device, edge, cutoff - 1);
            if (gone > 0) {
                FrameBucket bucket = stored(device, edge);
                Bytes key = DeviceTimeKey.of(device, edge);
                if (bucket.count() <= gone) {
                    counts.delete(key);
                } else {
                    counts.put(key, value(bucket.count() - gone, bucket.added()));
                }
            }
        }
    }

    /**
     * Forgets the arrivals of {@code device} older than {@link #ARRIVALS_KEPT} before {@code now}. It reads every arrival
     * the device has left, which are those of the last minutes: each is read at most a few times before it goes.
     */
    public void prune(Recent recent, String device, long now) {
        recent.group = null;
        long before = now - ARRIVALS_KEPT.toMillis();
        List<KeyValue<Bytes, byte[]>> changed = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = arrivals.range(arrivalKey(device, 0, 0), arrivalKey(device, Long.MAX_VALUE, -1))) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                ByteBuffer group = ByteBuffer.wrap(entry.value);
                ByteBuffer kept = ByteBuffer.allocate(entry.value.length);
                for (int at = 0; at < entry.value.length; at += ARRIVAL_BYTES) {
                    if (group.getLong(at + Integer.BYTES + Long.BYTES) >= before) {
                        kept.put(entry.value, at, ARRIVAL_BYTES);
                    }
                }
                if (kept.position() < entry.value.length) {
                    changed.add(KeyValue.pair(entry.key, kept.position() == 0 ? null : Arrays.copyOf(kept.array(), kept.position())));
                }
            }
        }
        changed.forEach(entry -> arrivals.put(entry.key, entry.value));
    }

    /** True once the counts cover every stored frame (false on stores written before the counts existed). */
    public boolean complete() {
        return counts.get(COMPLETE) != null;
    }

    /**
     * Counts the stored frames again, from where the previous step stopped, a slice of about {@code slice}
     * frames (whole minutes) at a time, so that one step never holds the task's thread for long. New frames
     * counted meanwhile are counted again with the rest of their minute, which makes the count exact.
     *
     * @return true when every frame is counted (the counts are then {@link #complete()})
     */
    public boolean rebuildStep(int slice) {
        // The step rewrites counts of any device.
        recounts++;
        int seen = 0;
        Bytes current = null;
        int inCurrent = 0;
        try (KeyValueIterator<Bytes, byte[]> all = rebuildFrom == null ? frames.all() : frames.range(rebuildFrom, null)) {
            while (all.hasNext()) {
                Bytes key = all.peekNextKey();
                Bytes bucket = bucketKeyOf(key);
                if (!bucket.equals(current)) {
                    if (current != null) {
                        recount(current, inCurrent);
                        if (seen >= slice) {
                            rebuildFrom = key;
                            return false;
                        }
                    }
                    current = bucket;
                    inCurrent = 0;
                }
                int inBlock = FrameBlock.size(all.next().value);
                inCurrent += inBlock;
                seen += inBlock;
            }
        }
        if (current != null) {
            recount(current, inCurrent);
        }
        counts.put(COMPLETE, new byte[] {1});
        rebuildFrom = null;
        return true;
    }

    private void recount(Bytes bucketKey, int count) {
        byte[] old = counts.get(bucketKey);
        int added = old == null ? 0 : ByteBuffer.wrap(old).getInt(Integer.BYTES);
        // Ordinals already handed out stay at most `added`, so earlier arrivals never look newer than the recount.
        counts.put(bucketKey, value(count, Math.max(added, count)));
    }

    private boolean knows(Recent recent, long start) {
        return recent.bucket != null && recent.bucketRecounts == recounts && recent.bucket.start() == start;
    }

    private FrameBucket bucket(Recent recent, String device, long start, boolean emptyMinute) {
        if (knows(recent, start)) {
            return recent.bucket;
        }
        return emptyMinute ? new FrameBucket(start, 0, 0) : stored(device, start);
    }

    private FrameBucket stored(String device, long start) {
        byte[] value = counts.get(DeviceTimeKey.of(device, start));
        return value == null ? new FrameBucket(start, 0, 0) : bucket(start, value);
    }

    // ---- readers

    /** The non-empty minutes of {@code device} from the one holding {@code from} to the one holding {@code to}, in time order. */
    public static List<FrameBucket> buckets(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long from, long to) {
        List<FrameBucket> buckets = new ArrayList<>();
        if (from > to) {
            return buckets;
        }
        try (KeyValueIterator<Bytes, byte[]> range = store.range(DeviceTimeKey.of(device, bucketOf(from)),
                DeviceTimeKey.of(device, bucketOf(to)))) {
            while (range.hasNext()) {
                KeyValue<Bytes, byte[]> entry = range.next();
                buckets.add(bucket(DeviceTimeKey.time(entry.key), entry.value));
            }
        }
        return buckets;
    }

    /**
     * The remembered arrivals of {@code device} in the minutes from the one holding {@code from} to the one holding
     * {@code to}: minute by minute, each in arrival order.
     */
    public static List<FrameArrival> arrivals(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long from, long to) {
        List<FrameArrival> recent = new ArrayList<>();
        if (from > to) {
            return recent;
        }
        try (KeyValueIterator<Bytes, byte[]> range = store.range(arrivalKey(device, bucketOf(from), 0),
                arrivalKey(device, bucketOf(to), -1))) {
            while (range.hasNext()) {
                ByteBuffer group = ByteBuffer.wrap(range.next().value);
                while (group.hasRemaining()) {
                    int ordinal = group.getInt();
                    long time = group.getLong();
                    long arrival = group.getLong();
                    recent.add(new FrameArrival(arrival, time, ordinal));
                }
            }
        }
        return recent;
    }

    // ---- keys and values

    /** The key of a group of arrivals; an ordinal of -1 (0xFFFFFFFF) is past every ordinal of the minute, for range ends. */
    private static Bytes arrivalKey(String device, long minute, int ordinal) {
        byte[] prefix = DeviceTimeKey.of(device, minute).get();
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Integer.BYTES).put(prefix).putInt(ordinal).array());
    }

    /** The counts key of the minute that holds the frame under {@code frameKey}, without decoding the device's name. */
    private static Bytes bucketKeyOf(Bytes frameKey) {
        byte[] key = frameKey.get().clone();
        ByteBuffer.wrap(key).putLong(key.length - Long.BYTES, bucketOf(DeviceTimeKey.time(frameKey)));
        return Bytes.wrap(key);
    }

    private static FrameBucket bucket(long start, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new FrameBucket(start, buffer.getInt(), buffer.getInt());
    }

    private static byte[] value(int count, int added) {
        return ByteBuffer.allocate(2 * Integer.BYTES).putInt(count).putInt(added).array();
    }
}
