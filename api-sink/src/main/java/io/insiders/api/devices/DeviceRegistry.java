package io.insiders.api.devices;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.insiders.api.streams.StoreQueries;
import io.insiders.api.web.ApiException;
import io.insiders.stream.InsidersTopology;
import io.insiders.stream.devices.DeviceRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.stereotype.Component;

/** The provisioned devices, read from the registry that every instance holds in full (a global store). */
@Component
public class DeviceRegistry {

    private final StoreQueries stores;

    public DeviceRegistry(StoreQueries stores) {
        this.stores = stores;
    }

    /** The device with that id, if it was provisioned. */
    public Optional<DeviceRecord> byId(long id) {
        Bytes key = Bytes.wrap(Long.toString(id).getBytes(StandardCharsets.UTF_8));
        byte[] json = stores.read(InsidersTopology.DEVICES_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                registry -> registry.get(key));
        return json == null ? Optional.empty() : Optional.of(DeviceRecord.fromJson(json));
    }

    /** Every provisioned device, in no particular order (a whole read of the global store: for lookups by other fields). */
    public List<DeviceRecord> all() {
        return stores.read(InsidersTopology.DEVICES_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(), registry -> {
            List<DeviceRecord> devices = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> entries = registry.all()) {
                while (entries.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = entries.next();
                    if (entry.value != null) {
                        devices.add(DeviceRecord.fromJson(entry.value));
                    }
                }
            }
            return devices;
        });
    }

    /** The device named by a path's {@code {device}}: 404 unless it is an integer id of a provisioned device. */
    public DeviceRecord require(String pathId) {
        return parseId(pathId).flatMap(this::byId).orElseThrow(ApiException::notFound);
    }

    private static Optional<Long> parseId(String pathId) {
        if (pathId == null || pathId.isEmpty() || pathId.length() > 18 || !pathId.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(pathId));
    }
}
