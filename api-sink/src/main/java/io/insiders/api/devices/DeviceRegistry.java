package io.insiders.api.devices;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.insiders.api.streams.StoreQueries;
import io.insiders.api.web.ApiException;
import io.insiders.stream.InsidersTopology;
import io.insiders.stream.devices.DeviceRecord;
import org.apache.kafka.common.utils.Bytes;
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
