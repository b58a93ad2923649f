package io.insiders.api.preprocessed;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The data listings' snapshots, each kept for a fixed time after it was taken (not renewed when read: the
 * API documents that a listing's cache is invalidated after 120 seconds), within a memory budget.
 *
 * <p>Every entry lives equally long, so the map's insertion order is also its expiry order: expired
 * entries are dropped from its head, and when the budget is exceeded the oldest go first. A snapshot is
 * taken outside the lock (it reads stores); when two requests take one for the same key at once, the
 * first stored wins and both answer from it.
 */
final class SnapshotCache {

    private final long ttlMillis;
    private final long maxWeight;
    private final LongSupplier clock;
    private final LinkedHashMap<SnapshotKey, Entry> entries = new LinkedHashMap<>();
    private long weight;

    /**
     * @param ttl how long a snapshot is kept after it was taken
     * @param maxWeight the memory budget of all snapshots, in bytes ({@link DataSnapshot#weight()})
     * @param clock the clock that times the entries, in milliseconds
     */
    SnapshotCache(Duration ttl, long maxWeight, LongSupplier clock) {
        this.ttlMillis = ttl.toMillis();
        this.maxWeight = maxWeight;
        this.clock = clock;
    }

    /** The live snapshot of {@code key}, or the one {@code take} takes (then kept). */
    DataSnapshot get(SnapshotKey key, Supplier<DataSnapshot> take) {
        synchronized (this) {
            dropExpired();
            Entry live = entries.get(key);
            if (live != null) {
                return live.snapshot();
            }
        }
        DataSnapshot taken = take.get();
        synchronized (this) {
            dropExpired();
            Entry raced = entries.get(key);
            if (raced != null) {
                return raced.snapshot();
            }
            Entry entry = new Entry(taken, clock.getAsLong() + ttlMillis, taken.weight());
            entries.put(key, entry);
            weight += entry.weight();
            Iterator<Entry> oldest = entries.values().iterator();
            while (weight > maxWeight && oldest.hasNext()) {
                Entry evicted = oldest.next();
                if (evicted == entry) {
                    break;
                }
                oldest.remove();
                weight -= evicted.weight();
            }
            return taken;
        }
    }

    /** How many snapshots are kept. */
    synchronized int size() {
        dropExpired();
        return entries.size();
    }

    private void dropExpired() {
        long now = clock.getAsLong();
        Iterator<Map.Entry<SnapshotKey, Entry>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next().getValue();
            if (entry.expiresAt() > now) {
                return;
            }
            oldest.remove();
            weight -= entry.weight();
        }
    }

    private record Entry(DataSnapshot snapshot, long expiresAt, long weight) {
    }
}
