package io.insiders.stream.storage;

import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a persistent {@link WriteBehindStore}: RocksDB with its changelog (unless disabled), Kafka Streams' record
 * cache never (the write-behind takes its place), metered as Kafka Streams' own stores are.
 */
public final class WriteBehindStoreBuilder implements StoreBuilder<KeyValueStore<Bytes, byte[]>> {

    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> stored;

    private WriteBehindStoreBuilder(StoreBuilder<KeyValueStore<Bytes, byte[]>> stored) {
        this.stored = stored.withCachingDisabled();
    }

    /** A persistent store named {@code name}, with its changelog. */
    public static WriteBehindStoreBuilder persistent(String name) {
        return new WriteBehindStoreBuilder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()));
    }

    @Override
    public KeyValueStore<Bytes, byte[]> build() {
        return new WriteBehindStore(stored.build());
    }

    /** Nothing to enable: the store holds its writes back itself, and a record cache under it would only add a copy. */
    @Override
    public StoreBuilder<KeyValueStore<Bytes, byte[]>> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<Bytes, byte[]>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<Bytes, byte[]>> withLoggingEnabled(Map<String, String> config) {
        stored.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<Bytes, byte[]>> withLoggingDisabled() {
        stored.withLoggingDisabled();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return stored.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return stored.loggingEnabled();
    }

    @Override
    public String name() {
        return stored.name();
    }
}
