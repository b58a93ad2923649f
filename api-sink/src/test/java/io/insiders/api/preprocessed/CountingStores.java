package io.insiders.api.preprocessed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Stores read through another {@link StoreAccess}, counting the entries each read returns, per store:
 * what a listing costs, measured by what it reads rather than by time.
 */
final class CountingStores implements StoreAccess {

    private final StoreAccess stores;
    private final Map<String, Long> entries = new ConcurrentHashMap<>();

    CountingStores(StoreAccess stores) {
        this.stores = stores;
    }

    @Override
    public <K, V, R> R read(String name, Function<ReadOnlyKeyValueStore<K, V>, R> read) {
        return stores.read(name, (ReadOnlyKeyValueStore<K, V> store) -> read.apply(new Counted<>(store, name)));
    }

    /** The entries read from {@code store} since the last {@link #reset()}. */
    long entriesRead(String store) {
        return entries.getOrDefault(store, 0L);
    }

    void reset() {
        entries.clear();
    }

    private void count(String store) {
        entries.merge(store, 1L, Long::sum);
    }

    private final class Counted<K, V> implements ReadOnlyKeyValueStore<K, V> {

        private final ReadOnlyKeyValueStore<K, V> store;
        private final String name;

        Counted(ReadOnlyKeyValueStore<K, V> store, String name) {
            this.store = store;
            this.name = name;
        }

        @Override
        public V get(K key) {
            V value = store.get(key);
            if (value != null) {
                count(name);
            }
            return value;
        }

        @Override
        public KeyValueIterator<K, V> range(K from, K to) {
            return new CountedIterator<>(store.range(from, to), name);
        }

        @Override
        public KeyValueIterator<K, V> reverseRange(K from, K to) {
            return new CountedIterator<>(store.reverseRange(from, to), name);
        }

        @Override
        public KeyValueIterator<K, V> all() {
            return new CountedIterator<>(store.all(), name);
        }

        @Override
        public KeyValueIterator<K, V> reverseAll() {
            return new CountedIterator<>(store.reverseAll(), name);
        }

        @Override
        public long approximateNumEntries() {
            return store.approximateNumEntries();
        }
    }

    private final class CountedIterator<K, V> implements KeyValueIterator<K, V> {

        private final KeyValueIterator<K, V> iterator;
        private final String name;

        CountedIterator(KeyValueIterator<K, V> iterator, String name) {
            this.iterator = iterator;
            this.name = name;
        }

        @Override
        public boolean hasNext() {
            return iterator.hasNext();
        }

        @Override
        public KeyValue<K, V> next() {
            count(name);
            return iterator.next();
        }

        @Override
        public K peekNextKey() {
            return iterator.peekNextKey();
        }

        @Override
        public void close() {
            iterator.close();
        }
    }
}
