package io.insiders.stream.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that holds the writes of a commit interval in memory, each key's last value only, and writes them
 * to the store under it (RocksDB and its changelog) just before Kafka Streams commits: the part of Kafka Streams' own
 * record cache this pipeline needs, without the rest. Entries their writer is done with ({@link #finished}) go
 * earlier, a few at a time, so that a commit has less to write while the stream thread waits for it.
 *
 * <p>Why: the pipeline rewrites a few entries per device ten times a second (the second's block of frames, the
 * minute's count, the arrival group, the range). Kafka Streams' record cache merges those writes too, but each put
 * into it also keeps an LRU list, a dirty-key set in insertion order, a size estimate and the record's context,
 * and evicts when full: about two fifths of the stream threads' time in a profile under load
 * (docs/benchmarks.md, change 14). Here a put replaces a held value found by its hash, or inserts a new key into a
 * sorted concurrent map that readers search.
 *
 * <p>Kafka Streams gives a store no public hook before its commit; like its caching layer, this store implements
 * the internal {@code CachedStateStore}, whose {@link #flushCache()} the task calls before the producer commits
 * the transaction. So at each commit every write of the interval is in RocksDB and in the changelog, within the
 * transaction, as with the record cache; a task closed uncleanly loses its pending writes with its transaction.
 *
 * <p>Interactive queries read the store from other threads while the stream thread writes it: a write is
 * visible at once, and an entry being written through is in RocksDB before it leaves memory, so a reader always
 * finds it in one or the other. Only the task's stream thread writes.
 *
 * <p>Memory: the keys written in the last two commit intervals, each once (for the pipeline, a few entries per live
 * device), where Kafka Streams' cache kept clean entries until it was full. The stores under it are not cached.
 */
public final class WriteBehindStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
        implements KeyValueStore<Bytes, byte[]> {

    /** The order of RocksDB's default comparator: unsigned bytes, lexicographic (vectorised by the JDK). */
    static final Comparator<Bytes> BYTE_ORDER = (a, b) -> Arrays.compareUnsigned(a.get(), b.get());

    /**
     * Finished entries are written through {@value #EARLY_BATCH} at a time, after every {@value #EARLY_PACE} writes to
     * the store: at least as fast as the pipeline finishes them (a device finishes one second per ten frames, and one
     * arrival group per sixteen), so those finished in one burst (every device moving on to the next second within a
     * tenth of a second) go out over the following few hundred milliseconds rather than in one stall.
     */
    static final int EARLY_BATCH = 16;
    static final int EARLY_PACE = 64;

    /** Marks a pending deletion (the concurrent map takes no null value); compared by identity. */
    private static final byte[] DELETED = new byte[0];

    /** The held writes in key order, for every reader. */
    private final ConcurrentSkipListMap<Bytes, Held> pending = new ConcurrentSkipListMap<>(BYTE_ORDER);
    /**
     * The same, by key, for the writer alone (the task's stream thread): most writes replace a value already held (a
     * device's second, minute, range), found here without a search of the sorted map, the largest cost left per write.
     */
    private final Map<Bytes, Held> byKey = new HashMap<>();
    /** Entries their writers are done with ({@link #finished}), written through a few at a time before the commit. */
    private final ArrayDeque<Held> finished = new ArrayDeque<>();
    /** Writes since finished entries were last written through: what paces them. */
    private int writesSinceEarly;
    private final int earlyPace;

    /**
     * A held value; replaced in place, so that readers of the sorted map see the newest. Written through at a commit,
     * it stays held (clean) for one more interval: a key written again then (a device's minute, range, latest time)
     * is not inserted into both maps again; one written in neither interval is let go.
     *
     * <p>Its writer may keep it ({@link #hold}) and write the same key again through it ({@link #write}): the
     * pipeline writes a few keys per device many times a second, and finding each by its hash cost more than the
     * write itself (cache misses on maps of thousands of keys: docs/benchmarks.md, change 15).
     */
    public static final class Held {
        private final Bytes key;
        private volatile byte[] value;
        private boolean dirty = true;
        /** Let go by the store: writing through this object would no longer reach it. */
        private boolean released;

        private Held(Bytes key, byte[] value) {
            this.key = key;
            this.value = value;
        }
    }

    /** A store holding its writes back in front of {@code stored}, which must not be cached itself. */
    public WriteBehindStore(KeyValueStore<Bytes, byte[]> stored) {
        this(stored, EARLY_PACE);
    }

    /** As above, writing finished entries through after every {@code earlyPace} writes (tests: more often). */
    WriteBehindStore(KeyValueStore<Bytes, byte[]> stored, int earlyPace) {
        super(stored);
        this.earlyPace = earlyPace;
    }

    @Override
    public void put(Bytes key, byte[] value) {
        hold(key, value);
    }

    /**
     * {@link #put}, returning what holds the value now: its writer may keep it to write the same key again with
     * {@link #write}, without a look-up. Only the task's stream thread may call this.
     */
    public Held hold(Bytes key, byte[] value) {
        Objects.requireNonNull(key, "key");
        maybeWriteFinished();
        byte[] kept = value == null ? DELETED : value;
        Held held = byKey.get(key);
        if (held != null) {
            held.value = kept;
            held.dirty = true;
            return held;
        }
        held = new Held(key, kept);
        byKey.put(key, held);
        pending.put(key, held);
        return held;
    }

    /**
     * Writes {@code value} (not null) under the key of {@code held}, which {@link #hold} or this method returned, as
     * {@link #put} would; returns what holds it now (the same object, unless the store had let it go).
     */
    public Held write(Held held, byte[] value) {
        Objects.requireNonNull(value, "value");
        if (held.released) {
            return hold(held.key, value);
        }
        maybeWriteFinished();
        held.value = value;
        held.dirty = true;
        return held;
    }

    /**
     * Tells the store that {@code held}'s writer is done with it (a device's second or arrival group once the device
     * has moved on): it is written through before the commit, in small batches between later writes, rather than at
     * the commit with everything else. A commit holds the stream thread for its write-through while every frame that
     * arrives waits (docs/benchmarks.md, change 20); what is written early costs about the same, spread over the
     * interval instead of all at once. Written again before its turn or after it, it is written again at the commit.
     */
    public void finished(Held held) {
        if (!held.released && held.dirty) {
            finished.add(held);
        }
    }

    private void maybeWriteFinished() {
        if (finished.isEmpty() || ++writesSinceEarly < earlyPace) {
            return;
        }
        writesSinceEarly = 0;
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(EARLY_BATCH);
        List<Held> written = new ArrayList<>(EARLY_BATCH);
        while (batch.size() < EARLY_BATCH && !finished.isEmpty()) {
            Held held = finished.poll();
            byte[] value = held.value;
            if (!held.released && held.dirty && value != DELETED) {
                batch.add(KeyValue.pair(held.key, value));
                written.add(held);
            }
        }
        // Clean now: the commit lets them go instead of writing them.
        store(batch, written);
    }

    /**
     * Writes {@code entries} to the store under this one in one {@code putAll}, then marks {@code written} (what held
     * them) clean: stored first, so that a reader finds each entry in memory, in the store, or in both.
     */
    private void store(List<KeyValue<Bytes, byte[]>> entries, List<Held> written) {
        if (!entries.isEmpty()) {
            wrapped().putAll(entries);
            written.forEach(held -> held.dirty = false);
        }
    }

    /** The write-behind store under the wrappers Kafka Streams puts around a store ({@code context.getStateStore}). */
    public static WriteBehindStore of(StateStore store) {
        StateStore current = store;
        while (!(current instanceof WriteBehindStore)) {
            if (!(current instanceof WrappedStateStore<?, ?, ?> wrapper)) {
                throw new IllegalArgumentException("store " + store.name() + " is not written behind");
            }
            current = wrapper.wrapped();
        }
        return (WriteBehindStore) current;
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] current = get(key);
        put(key, null);
        return current;
    }

    @Override
    public byte[] get(Bytes key) {
        Objects.requireNonNull(key, "key");
        Held held = pending.get(key);
        if (held != null) {
            byte[] value = held.value;
            return value == DELETED ? null : value;
        }
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return merged(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return merged(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return merged(null, null, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return merged(null, null, true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        throw new UnsupportedOperationException("prefix scans are not supported by the write-behind store " + name());
    }

    @Override
    public long approximateNumEntries() {
        long stored = wrapped().approximateNumEntries();
        long sum = stored + pending.size();
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Writes every value written since the last call to the store under it, and lets go of those not written since the
     * call before: called by the task before it commits.
     */
    @Override
    public void flushCache() {
        writePending();
        super.flushCache();
    }

    @Override
    public void flush() {
        writePending();
        wrapped().flush();
    }

    /**
     * Kafka Streams calls this when the store changes hands after the task's last commit (an active task recycled as a
     * standby, or back: restoration then writes under this store), as it does for its own cache. What is held goes:
     * clean values could go stale, and anything not written through was not committed.
     */
    @Override
    public void clearCache() {
        releaseAll();
        super.clearCache();
    }

    @Override
    public void close() {
        releaseAll();
        super.close();
    }

    private void writePending() {
        // Only the writer's thread calls this: nothing is written while it runs. One putAll rather than a put per entry:
        // under it, Kafka Streams updates the store's query position and measures the latency once per call, and
        // RocksDB takes the entries as one write batch (docs/benchmarks.md, change 19).
        finished.clear();
        List<KeyValue<Bytes, byte[]>> dirty = new ArrayList<>();
        List<Held> written = new ArrayList<>();
        List<Bytes> done = new ArrayList<>();
        for (Map.Entry<Bytes, Held> entry : pending.entrySet()) {
            Held held = entry.getValue();
            if (!held.dirty) {
                // Written through (at the commit before, or early) and not written since: the store holds it.
                done.add(entry.getKey());
            } else {
                byte[] value = held.value;
                dirty.add(KeyValue.pair(entry.getKey(), value == DELETED ? null : value));
                written.add(held);
                if (value == DELETED) {
                    done.add(entry.getKey());
                }
            }
        }
        store(dirty, written);
        // Stored first, then forgotten (if at all): a reader between the two finds it in both, never in neither.
        done.forEach(this::forget);
    }

    private void forget(Bytes key) {
        pending.remove(key);
        byKey.remove(key).released = true;
    }

    private void releaseAll() {
        finished.clear();
        byKey.values().forEach(held -> held.released = true);
        pending.clear();
        byKey.clear();
    }

    /**
     * The pending entries in [from, to] (null: unbounded) merged over the stored ones, pending first. The pending
     * ones are copied before the stored range is opened (a RocksDB iterator reads a snapshot): an entry written
     * through in between is then in the copy, in the snapshot, or in both.
     */
    private KeyValueIterator<Bytes, byte[]> merged(Bytes from, Bytes to, boolean reverse) {
        if (from != null && to != null && BYTE_ORDER.compare(from, to) > 0) {
            // RocksDB answers such a range with nothing (and a warning); so does this store, without the map's exception.
            return wrapped().range(from, to);
        }
        NavigableMap<Bytes, Held> held = window(from, to);
        List<KeyValue<Bytes, byte[]>> copy = new ArrayList<>();
        (reverse ? held.descendingMap() : held).forEach((key, value) -> copy.add(KeyValue.pair(key, value.value)));
        KeyValueIterator<Bytes, byte[]> stored;
        if (from == null && to == null) {
            stored = reverse ? wrapped().reverseAll() : wrapped().all();
        } else {
            stored = reverse ? wrapped().reverseRange(from, to) : wrapped().range(from, to);
        }
        return new MergedIterator(copy, stored, reverse ? BYTE_ORDER.reversed() : BYTE_ORDER);
    }

    private ConcurrentNavigableMap<Bytes, Held> window(Bytes from, Bytes to) {
        if (from == null && to == null) {
            return pending;
        }
        if (from == null) {
            return pending.headMap(to, true);
        }
        if (to == null) {
            return pending.tailMap(from, true);
        }
        return pending.subMap(from, true, to, true);
    }

    /** Two sorted sequences as one; on equal keys the pending entry wins, and a pending deletion hides the key. */
    private static final class MergedIterator implements KeyValueIterator<Bytes, byte[]> {

        private final List<KeyValue<Bytes, byte[]>> held;
        private final KeyValueIterator<Bytes, byte[]> stored;
        private final Comparator<Bytes> order;
        private int nextHeld;
        private KeyValue<Bytes, byte[]> next;

        MergedIterator(List<KeyValue<Bytes, byte[]>> held, KeyValueIterator<Bytes, byte[]> stored, Comparator<Bytes> order) {
            this.held = held;
            this.stored = stored;
            this.order = order;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                KeyValue<Bytes, byte[]> candidate = advance();
                if (candidate == null) {
                    return false;
                }
                if (candidate.value != DELETED) {
                    next = candidate;
                }
            }
            return true;
        }

        /** The next entry of either sequence (a deletion marker included), or null when both are done. */
        private KeyValue<Bytes, byte[]> advance() {
            if (nextHeld == held.size()) {
                return stored.hasNext() ? stored.next() : null;
            }
            KeyValue<Bytes, byte[]> fromHeld = held.get(nextHeld);
            if (stored.hasNext()) {
                int comparison = order.compare(fromHeld.key, stored.peekNextKey());
                if (comparison > 0) {
                    return stored.next();
                }
                if (comparison == 0) {
                    stored.next();
                }
            }
            nextHeld++;
            return fromHeld;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> result = next;
            next = null;
            return result;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            stored.close();
        }
    }
}
