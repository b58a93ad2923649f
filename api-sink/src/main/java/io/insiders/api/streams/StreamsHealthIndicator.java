package io.insiders.api.streams;

import io.insiders.stream.InsidersTopology;
import io.insiders.stream.latest.LatestTimestamps;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP only while the stream processor runs and its stores answer a query: the devices registry (which
 * every request of a device reads first) and the latest timestamps of every partition this instance
 * processes. DOWN otherwise, with the processor's state, and why when the stores did not answer.
 */
public final class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsRuntime runtime;

    public StreamsHealthIndicator(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = runtime.streams();
        KafkaStreams.State state = streams.state();
        builder.withDetail("state", state.name());
        // The instance reports RUNNING a moment before its threads can serve their stores.
        boolean threadsRunning = streams.metadataForLocalThreads().stream()
                .allMatch(thread -> "RUNNING".equals(thread.threadState()));
        if (state != KafkaStreams.State.RUNNING || !threadsRunning) {
            builder.down();
            return;
        }
        try {
            // Estimates that RocksDB keeps at hand: cheap, but they go through the same store look-ups as a query.
            long devices = streams.store(StoreQueryParameters.fromNameAndType(InsidersTopology.DEVICES_STORE,
                    QueryableStoreTypes.keyValueStore())).approximateNumEntries();
            // Looked up for the probe only: its estimate counts each overwrite of a device's timestamp until
            // RocksDB compacts them, so it says little about how many devices have data.
            streams.store(StoreQueryParameters.fromNameAndType(LatestTimestamps.STORE,
                    QueryableStoreTypes.keyValueStore())).approximateNumEntries();
            builder.up().withDetail("devicesEstimated", devices);
        } catch (InvalidStateStoreException e) {
            builder.down().withDetail("stores", "not queryable yet: " + e.getMessage());
        }
    }
}
