package io.insiders.api.routing;

import java.util.Optional;

import io.insiders.api.streams.StreamsRuntime;
import io.insiders.stream.latest.LatestTimestamps;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads a device's placement from the Kafka Streams group metadata. All of a device's stores (frames,
 * ranges, latest timestamp) live in the task of the partition of its name, so the latest-timestamp
 * store stands for all of them.
 */
public final class StreamsPlacementLookup implements PlacementLookup {

    private static final StringSerializer NAMES = new StringSerializer();

    private final StreamsRuntime runtime;

    public StreamsPlacementLookup(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Optional<DevicePlacement> placementOf(String deviceName) {
        KeyQueryMetadata metadata;
        try {
            metadata = runtime.streams().queryMetadataForKey(LatestTimestamps.STORE, deviceName, NAMES);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // Not started yet, or shutting down: no placement to give.
            return Optional.empty();
        }
        if (metadata == null || metadata.partition() < 0) {
            return Optional.empty();
        }
        HostInfo active = metadata.activeHost();
        // Between the departure of an instance and the next assignment a partition may have no active.
        Optional<HostInfo> known = active == null || active.port() < 0 ? Optional.empty() : Optional.of(active);
        return Optional.of(new DevicePlacement(metadata.partition(), known, metadata.standbyHosts()));
    }
}
