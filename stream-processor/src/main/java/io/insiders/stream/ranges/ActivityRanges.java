package io.insiders.stream.ranges;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.insiders.schemas.ActivityRange;
import io.insiders.stream.frames.DeviceTimeKey;
import io.insiders.stream.storage.WriteBehindStore;
import io.insiders.stream.storage.WriteBehindStoreBuilder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Activity ranges: a device's samples grouped so that consecutive samples at most the inactivity
 * gap apart (bound included) are one range; {@code size} counts its distinct samples.
 *
 * <p>Kept in RocksDB, one entry per range under the {@link DeviceTimeKey} of its start, its value
 * the stop and the size. Ranges of a device never overlap, so the ranges within the gap of a sample
 * are found by scanning back from {@code time + gap} until a range ends before {@code time - gap}.
 * A sample is merged with every such range, in whatever order samples arrive: a late sample that
 * bridges two ranges makes one, as if the samples had come in order. The caller passes each distinct
 * sample once (the frame history tells new samples from repeats), so sizes never count one twice.
 *
 * <p>Most samples come in time order: for them the device's newest range, remembered here, decides without a
 * scan of the store (a sample after the newest range's stop can only join that range or start one; a sample
 * within it only grows its size). The memory is this task's own and starts empty with the task; every change to
 * the store goes through this object, so it never disagrees with the store.
 *
 * <p>Publishing: such an in-order sample changes only the device's newest range, and ten samples a second would
 * publish ten versions of it. Those changes wait in {@link #pending()} instead, the last one per device, and the
 * pipeline publishes them once a second; any other change (a new range after a gap ends the previous one, a merge,
 * a moved start) publishes at once, after what was waiting for the device. What waits is in memory only: a task
 * that starts (after a restart, a crash or a move) first publishes every device's newest range again, so a
 * change whose frame was committed but not yet published reaches the topic anyway (a consumer folding the topic
 * sees some ranges twice, identical).
 */
public final class ActivityRanges {

    /** The store's name, for interactive queries. */
    public static final String STORE = "activity-ranges";

    private final KeyValueStore<Bytes, byte[]> store;
    private final WriteBehindStore behind;
    private final long gapMs;
    /** The devices whose changes wait for the next {@link #pending()}, in the order first met. */
    private final List<Newest> waitingDevices = new ArrayList<>();

    /**
     * What the task remembers of one device's ranges: its newest range, once read or written (and what holds it in
     * the store), and the change of it that waits to be published.
     */
    public static final class Newest {
        private final String device;
        private boolean loaded;
        private Range range;
        private WriteBehindStore.Held entry;
        private Range waiting;
        private boolean listed;

        /** Nothing known yet of {@code device}'s ranges. */
        public Newest(String device) {
            this.device = device;
        }

        private void forget() {
            loaded = false;
            range = null;
            entry = null;
        }

        private Range takeWaiting() {
            Range taken = waiting;
            waiting = null;
            return taken;
        }
    }

    /** The ranges in {@code store} (written behind: {@link #storeBuilder()}), with an inactivity gap of {@code gap}. */
    public ActivityRanges(KeyValueStore<Bytes, byte[]> store, Duration gap) {
        this.store = store;
        this.behind = WriteBehindStore.of(store);
        this.gapMs = gap.toMillis();
    }

    /**
     * The store, with its changelog. Written behind: a live range is rewritten by each of its samples, and
     * only its last state of each commit interval reaches RocksDB and the changelog.
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder() {
        return WriteBehindStoreBuilder.persistent(STORE);
    }

    /**
     * Adds a new sample at {@code time} of the device that {@code newest} remembers.
     *
     * @return the changes to publish now, in order: what waited for the device, the ranges merged away
     *     (retracted), then the range that now holds the sample; empty when the change waits ({@link #pending()})
     */
    public List<ActivityRange> add(Newest newest, long time) {
        String device = newest.device;
        Range last = load(newest);
        if (last != null && time >= last.start()) {
            // After the newest range's start: no other range is within the gap (ranges are more than a gap apart).
            Range now = time <= last.stop() ? new Range(last.start(), last.stop(), last.size() + 1)
                    : time - last.stop() <= gapMs ? new Range(last.start(), time, last.size() + 1) : new Range(time, time, 1);
            boolean grown = now.start() == last.start();
            newest.entry = grown && newest.entry != null ? behind.write(newest.entry, value(now))
                    : behind.hold(DeviceTimeKey.of(device, now.start()), value(now));
            newest.range = now;
            if (grown) {
                await(newest, now);
                return List.of();
            }
            // A new range: the previous one is complete, and what waited for it goes first.
            List<ActivityRange> published = new ArrayList<>(2);
            Range previous = newest.takeWaiting();
            if (previous != null) {
                published.add(change(device, previous, false));
            }
            published.add(change(device, now, false));
            return published;
        }
        newest.forget();
        Range previous = newest.takeWaiting();
        long start = time;
        long stop = time;
        long size = 1;
        List<Range> merged = new ArrayList<>(2);
        try (KeyValueIterator<Bytes, byte[]> before = store.reverseRange(DeviceTimeKey.first(device),
                DeviceTimeKey.of(device, time + gapMs))) {
            while (before.hasNext()) {
                Range range = range(before.next());
                if (range.stop() < time - gapMs) {
                    break;
                }
                start = Math.min(start, range.start());
                stop = Math.max(stop, range.stop());
                size += range.size();
                merged.add(range);
            }
        }
        List<ActivityRange> changes = new ArrayList<>(merged.size() + 2);
        if (previous != null) {
            changes.add(change(device, previous, false));
        }
        for (Range old : merged) {
            if (old.start() != start) {
                store.delete(DeviceTimeKey.of(device, old.start()));
                changes.add(change(device, old, true));
            }
        }
        Range now = new Range(start, stop, size);
        store.put(DeviceTimeKey.of(device, start), value(now));
        changes.add(change(device, now, false));
        return changes;
    }

    /** The changes that waited since the last call, one per device (its newest range), and forgets them. */
    public List<ActivityRange> pending() {
        List<ActivityRange> changes = new ArrayList<>(waitingDevices.size());
        for (Newest newest : waitingDevices) {
            Range range = newest.takeWaiting();
            if (range != null) {
                changes.add(change(newest.device, range, false));
            }
            newest.listed = false;
        }
        waitingDevices.clear();
        return changes;
    }

    /** Makes the newest stored range of the device wait for the next {@link #pending()}: a task that starts does so. */
    public void republish(Newest newest) {
        Range last = load(newest);
        if (last != null) {
            await(newest, last);
        }
    }

    private Range load(Newest newest) {
        if (!newest.loaded) {
            newest.range = newestStored(newest.device);
            newest.entry = null;
            newest.loaded = true;
        }
        return newest.range;
    }

    /** {@code range} waits for the next {@link #pending()}, in place of what waited for its device. */
    private void await(Newest newest, Range range) {
        newest.waiting = range;
        if (!newest.listed) {
            newest.listed = true;
            waitingDevices.add(newest);
        }
    }

    /** The newest range of {@code device} in the store, or null. */
    private Range newestStored(String device) {
        try (KeyValueIterator<Bytes, byte[]> backwards = store.reverseRange(DeviceTimeKey.first(device), DeviceTimeKey.last(device))) {
            return backwards.hasNext() ? range(backwards.next()) : null;
        }
    }

    /** Deletes the ranges of {@code device} whose every sample is older than {@code cutoff}; returns how many. */
    public int expire(Newest newest, long cutoff) {
        String device = newest.device;
        newest.forget();
        if (newest.waiting != null && newest.waiting.stop() < cutoff) {
            newest.waiting = null;
        }
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> early = store.range(DeviceTimeKey.first(device), DeviceTimeKey.of(device, cutoff))) {
            early.forEachRemaining(entry -> {
                if (range(entry).stop() < cutoff) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(store::delete);
        return old.size();
    }

    /** The ranges of {@code device} that meet [from, to], by start. */
    public static List<Range> overlapping(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device, long from, long to) {
        List<Range> ranges = new ArrayList<>();
        if (from > to) {
            return ranges;
        }
        // The last range starting before `from` may reach into it.
        try (KeyValueIterator<Bytes, byte[]> before = store.reverseRange(DeviceTimeKey.first(device),
                DeviceTimeKey.of(device, Math.max(0, from - 1)))) {
            if (before.hasNext()) {
                Range range = range(before.next());
                if (range.stop() >= from) {
                    ranges.add(range);
                }
            }
        }
        try (KeyValueIterator<Bytes, byte[]> within = store.range(DeviceTimeKey.of(device, from), DeviceTimeKey.of(device, to))) {
            within.forEachRemaining(entry -> ranges.add(range(entry)));
        }
        return Collections.unmodifiableList(ranges);
    }

    /** Every range of {@code device}, by start. */
    public static List<Range> all(ReadOnlyKeyValueStore<Bytes, byte[]> store, String device) {
        return overlapping(store, device, 0, Long.MAX_VALUE);
    }

    private static Range range(KeyValue<Bytes, byte[]> entry) {
        ByteBuffer value = ByteBuffer.wrap(entry.value);
        return new Range(DeviceTimeKey.time(entry.key), value.getLong(), value.getLong());
    }

    private static byte[] value(Range range) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(range.stop()).putLong(range.size()).array();
    }

    private static ActivityRange change(String device, Range range, boolean retracted) {
        // The constructor, not the builder: the builder validates and copies each field, once per frame here.
        return new ActivityRange(device, range.start(), range.stop(), retracted ? 0L : range.size(), retracted);
    }
}
