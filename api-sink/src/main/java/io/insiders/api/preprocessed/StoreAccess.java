package io.insiders.api.preprocessed;

import java.util.function.Function;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one key-value store per call. The application reads its stream processor's stores by interactive
 * query ({@link QueriedStores}); tests read any store, and can count what is read.
 */
interface StoreAccess {

    /** Applies {@code read} to the store {@code name}; the read may be retried whole, so it must not have side effects. */
    <K, V, R> R read(String name, Function<ReadOnlyKeyValueStore<K, V>, R> read);
}
