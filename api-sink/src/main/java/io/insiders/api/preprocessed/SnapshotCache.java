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
final class SnapshotCache<S extends SnapshotCache.Weighed> {

    private final long ttlMillis;
    private final long maxWeight;
    private final LongSupplier clock;
    /** What a snapshot takes in memory. */
    interface Weighed {

        /** The memory it takes, roughly, in bytes. */
        long weight();
    }

    private final LinkedHashMap<SnapshotKey, Entry<S>> entries = new LinkedHashMap<>();
    private long weight;

    /**
     * @param ttl how long a snapshot is kept after it was taken
     * @param maxWeight the memory budget of all snapshots, in bytes ({@link Weighed#weight()})
     * @param clock the clock that times the entries, in milliseconds
     */
    SnapshotCache(Duration ttl, long maxWeight, LongSupplier clock) {
        this.ttlMillis = ttl.toMillis();
        this.maxWeight = maxWeight;
        this.clock = clock;
    }

    /** The live snapshot of {@code key}, or the one {@code take} takes (then kept). */
    S get(SnapshotKey key, Supplier<S> take) {
        synchronized (this) {
            dropExpired();
            Entry<S> live = entries.get(key);
            if (live != null) {
                return live.snapshot();
            }
        }
        S taken = take.get();
        synchronized (this) {
            dropExpired();
            Entry<S> raced = entries.get(key);
            if (raced != null) {
                return raced.snapshot();
            }
            Entry<S> entry = new Entry<>(taken, clock.getAsLong() + ttlMillis, taken.weight());
            entries.put(key, entry);
            weight += entry.weight();
            Iterator<Entry<S>> oldest = entries.values().iterator();
            while (weight > maxWeight && oldest.hasNext()) {
                Entry<S> evicted = oldest.next();
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
        Iterator<Map.Entry<SnapshotKey, Entry<S>>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext()) {
            Entry<S> entry = oldest.next().getValue();
            if (entry.expiresAt() > now) {
                return;
            }
            oldest.remove();
            weight -= entry.weight();
        }
    }

    private record Entry<S>(S snapshot, long expiresAt, long weight) {
    }
}
