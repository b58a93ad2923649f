package io.insiders.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.insiders.schemas.testing.PropertyCheck;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-behind store reads as the store its writes describe, whether they are still held or written through,
 * and writes through only when the task flushes before committing.
 */
class WriteBehindStoreTest {

    private KeyValueStore<Bytes, byte[]> stored;
    private WriteBehindStore store;
    /** What {@link WriteBehindStore#hold} and {@link WriteBehindStore#write} returned last for a key, kept as a writer would. */
    private final Map<Bytes, WriteBehindStore.Held> kept = new HashMap<>();

    @TempDir
    Path stateDir;
    private int opened;

    /** Over RocksDB, as in the pipeline: its iterators read a snapshot, which the store's reads rely on. */
    @BeforeEach
    void open() {
        open(WriteBehindStore.EARLY_PACE);
    }

    private void open(int earlyPace) {
        close();
        kept.clear();
        stored = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("under-" + opened++), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().withCachingDisabled().build();
        store = new WriteBehindStore(stored, earlyPace);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        store.init(new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile()).getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void writesReachTheStoreUnderItOnlyWhenTheCacheIsFlushed() {
        stored.put(key(2), value(20));
        store.put(key(1), value(10));
        store.delete(key(2));

        assertThat(store.get(key(1))).isEqualTo(value(10));
        assertThat(store.get(key(2))).isNull();
        assertThat(stored.get(key(1))).isNull();
        assertThat(stored.get(key(2))).isEqualTo(value(20));

        store.flushCache();

        assertThat(stored.get(key(1))).isEqualTo(value(10));
        assertThat(stored.get(key(2))).isNull();
        assertThat(store.get(key(1))).isEqualTo(value(10));
    }

    @Test
    void clearingTheCacheDropsTheHeldWrites() {
        stored.put(key(1), value(10));
        store.put(key(1), value(11));
        store.put(key(2), value(20));

        store.clearCache();

        assertThat(store.get(key(1))).isEqualTo(value(10));
        assertThat(store.get(key(2))).isNull();
        assertThat(entries(store.all())).containsExactly(show(key(1), value(10)));
    }

    @Test
    void rangesMergeHeldWritesAndDeletionsOverTheStoredEntriesInBothDirections() {
        for (int k = 1; k <= 5; k++) {
            stored.put(key(k), value(k));
        }
        store.put(key(0), value(100));
        store.put(key(3), value(300));
        store.delete(key(4));
        store.put(key(6), value(600));

        assertThat(keys(store.range(key(1), key(6)))).containsExactly(1, 2, 3, 5, 6);
        assertThat(keys(store.reverseRange(key(1), key(6)))).containsExactly(6, 5, 3, 2, 1);
        assertThat(keys(store.all())).containsExactly(0, 1, 2, 3, 5, 6);
        assertThat(keys(store.reverseAll())).containsExactly(6, 5, 3, 2, 1, 0);
        assertThat(store.range(key(3), key(3)).next().value).isEqualTo(value(300));
        assertThat(keys(store.range(key(6), key(1)))).isEmpty();
    }

    @Test
    void keysCompareAsUnsignedBytesLikeRocksDb() {
        Bytes low = Bytes.wrap(new byte[] {0x7F});
        Bytes high = Bytes.wrap(new byte[] {(byte) 0x80});
        Bytes longer = Bytes.wrap(new byte[] {0x7F, 0x00});
        store.put(high, value(2));
        stored.put(low, value(1));
        store.put(longer, value(3));

        List<Bytes> all = new ArrayList<>();
        store.all().forEachRemaining(entry -> all.add(entry.key));

        assertThat(all).containsExactly(low, longer, high);
    }

    @Test
    void aWriteThroughAKeptEntryReachesTheStoreEvenAfterTheStoreLetItGo() {
        WriteBehindStore.Held held = store.hold(key(1), value(10));
        held = store.write(held, value(11));
        store.flushCache();
        assertThat(stored.get(key(1))).isEqualTo(value(11));

        store.flushCache();
        // Not written in the interval after it was written through: let go. The kept entry still writes the key.
        WriteBehindStore.Held again = store.write(held, value(12));
        assertThat(store.get(key(1))).isEqualTo(value(12));
        assertThat(stored.get(key(1))).isEqualTo(value(11));
        store.flushCache();
        assertThat(stored.get(key(1))).isEqualTo(value(12));

        store.put(key(1), value(13));
        assertThat(store.write(again, value(14))).isSameAs(again);
        store.clearCache();
        store.write(again, value(15));
        assertThat(entries(store.all())).containsExactly(show(key(1), value(15)));
    }

    @Test
    void aFinishedEntryIsWrittenThroughBetweenLaterWritesAndNotAgainAtTheCommit() {
        WriteBehindStore.Held done = store.hold(key(0), value(1));
        store.finished(done);
        for (int k = 1; k < WriteBehindStore.EARLY_PACE; k++) {
            store.put(key(k), value(k));
        }
        assertThat(stored.get(key(0))).isNull();

        store.put(key(WriteBehindStore.EARLY_PACE), value(0));

        assertThat(stored.get(key(0))).isEqualTo(value(1));
        assertThat(stored.get(key(1))).isNull();
        stored.put(key(0), value(2));
        store.flushCache();
        // Clean since it was written through: the commit does not write it again (nor lets a changelog record go twice).
        assertThat(stored.get(key(0))).isEqualTo(value(2));
        assertThat(stored.get(key(1))).isEqualTo(value(1));
    }

    @Test
    void aFinishedEntryWrittenAgainReachesTheStoreWithItsLastValue() {
        WriteBehindStore.Held done = store.hold(key(0), value(1));
        store.finished(done);
        store.write(done, value(2));
        for (int k = 1; k <= WriteBehindStore.EARLY_PACE; k++) {
            store.put(key(k), value(k));
        }
        assertThat(stored.get(key(0))).isEqualTo(value(2));
        store.write(done, value(3));
        store.flushCache();
        assertThat(stored.get(key(0))).isEqualTo(value(3));
    }

    @Test
    void theWriteBehindStoreIsFoundUnderTheWrappersKafkaStreamsPutsAroundIt() {
        assertThat(WriteBehindStore.of(store)).isSameAs(store);
        assertThatThrownBy(() -> WriteBehindStore.of(stored)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not written behind");
    }

    @Test
    void readsAsAModelOfItsWritesThroughAnyMixOfWritesAndFlushes() {
        PropertyCheck.forAll("write-behind reads as its writes", 200, random -> random.split(), random -> {
            // Finished entries written through after every few writes, so that it happens between most commits.
            open(1 + random.nextInt(8));
            NavigableMap<Bytes, byte[]> model = new TreeMap<>(WriteBehindStore.BYTE_ORDER);
            for (int step = 0; step < 300; step++) {
                apply(random, model);
                assertReadsAs(model, random);
            }
            store.flushCache();
            assertThat(entries(stored.all())).containsExactlyElementsOf(pairs(model));
        });
    }

    @Test
    void aConcurrentReaderAlwaysFindsEveryEntryWhileItIsWrittenThrough() throws InterruptedException {
        int keys = 20_000;
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> missed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(1);
            while (!done.get() && missed.get() == null) {
                int known = written.get();
                if (known == 0) {
                    continue;
                }
                int k = random.nextInt(known);
                if (store.get(key(k)) == null) {
                    missed.set("get of key " + k + " of " + known);
                }
                int seen = 0;
                try (KeyValueIterator<Bytes, byte[]> all = store.range(key(0), key(known - 1))) {
                    while (all.hasNext()) {
                        all.next();
                        seen++;
                    }
                }
                if (seen < known) {
                    missed.set("range saw " + seen + " of " + known);
                }
            }
        });
        reader.start();
        for (int k = 0; k < keys; k++) {
            store.put(key(k), value(k));
            written.set(k + 1);
            if (k % 97 == 0) {
                store.flushCache();
            }
        }
        store.flushCache();
        done.set(true);
        reader.join();

        assertThat(missed.get()).isNull();
        assertThat(stored.approximateNumEntries()).isEqualTo(keys);
    }

    private void apply(SplittableRandom random, NavigableMap<Bytes, byte[]> model) {
        Bytes key = randomKey(random);
        switch (random.nextInt(12)) {
            case 0 -> {
                store.flushCache();
                assertThat(entries(stored.all())).containsExactlyElementsOf(pairs(model));
            }
            case 1, 2 -> {
                assertThat(store.delete(key)).isEqualTo(model.get(key));
                model.remove(key);
            }
            case 3 -> {
                byte[] value = value(random.nextInt(1000));
                assertThat(store.putIfAbsent(key, value)).isEqualTo(model.get(key));
                model.putIfAbsent(key, value);
            }
            case 7 -> {
                // As the pipeline tells of a second or arrival group it is done with; it may still write it later.
                WriteBehindStore.Held held = kept.get(key);
                if (held != null) {
                    store.finished(held);
                }
            }
            case 4, 5, 6 -> {
                // As the pipeline writes: through what held the key last, however long ago (let go since, deleted, held anew).
                byte[] value = value(random.nextInt(1000));
                WriteBehindStore.Held held = kept.get(key);
                kept.put(key, held == null ? store.hold(key, value) : store.write(held, value));
                model.put(key, value);
            }
            default -> {
                byte[] value = value(random.nextInt(1000));
                store.put(key, value);
                model.put(key, value);
            }
        }
    }

    private void assertReadsAs(NavigableMap<Bytes, byte[]> model, SplittableRandom random) {
        Bytes key = randomKey(random);
        assertThat(store.get(key)).isEqualTo(model.get(key));
        Bytes from = randomKey(random);
        Bytes to = randomKey(random);
        if (WriteBehindStore.BYTE_ORDER.compare(from, to) > 0) {
            Bytes swap = from;
            from = to;
            to = swap;
        }
        NavigableMap<Bytes, byte[]> window = model.subMap(from, true, to, true);
        assertThat(entries(store.range(from, to))).containsExactlyElementsOf(pairs(window));
        assertThat(entries(store.reverseRange(from, to))).containsExactlyElementsOf(pairs(window.descendingMap()));
        assertThat(entries(store.all())).containsExactlyElementsOf(pairs(model));
    }

    /** Keys of one or two bytes from a small alphabet, some above 0x7F: many collisions, prefixes and sign changes. */
    private static Bytes randomKey(SplittableRandom random) {
        byte[] alphabet = {0x00, 0x01, 0x41, 0x7F, (byte) 0x80, (byte) 0xFF};
        byte[] key = new byte[1 + random.nextInt(2)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return Bytes.wrap(key);
    }

    private static Bytes key(int k) {
        return Bytes.wrap(new byte[] {(byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k});
    }

    private static byte[] value(int v) {
        return ("v" + v).getBytes(StandardCharsets.UTF_8);
    }

    /** Entries as "key=value" (the key in hex), comparable by content. */
    private static List<String> pairs(Map<Bytes, byte[]> map) {
        List<String> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(show(k, v)));
        return pairs;
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(show(entry.key, entry.value)));
        }
        return entries;
    }

    private static String show(Bytes key, byte[] value) {
        return HexFormat.of().formatHex(key.get()) + "=" + new String(value, StandardCharsets.UTF_8);
    }

    private static List<Integer> keys(KeyValueIterator<Bytes, byte[]> iterator) {
        List<Integer> keys = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> keys.add(ByteBuffer.wrap(entry.key.get()).getInt()));
        }
        return keys;
    }
}
