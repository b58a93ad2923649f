package io.insiders.api.preprocessed;

import java.util.function.Function;

import io.insiders.api.streams.StoreQueries;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

/** The stream processor's key-value stores on this instance, through {@link StoreQueries} (bounded wait, then 503). */
@Component
class QueriedStores implements StoreAccess {

    private final StoreQueries queries;

    QueriedStores(StoreQueries queries) {
        this.queries = queries;
    }

    @Override
    public <K, V, R> R read(String name, Function<ReadOnlyKeyValueStore<K, V>, R> read) {
        return queries.read(name, QueryableStoreTypes.<K, V>keyValueStore(), read);
    }
}
