package io.insiders.api.bluetooth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.streams.StoreQueries;
import io.insiders.stream.InsidersTopology;
import io.insiders.stream.devices.DeviceRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The id of a device by its name, for the device link whose messages carry names. The provisioned devices are kept
 * by id (the {@code devices} global store); a name seen before is checked against its device's record, an unknown
 * one looked for across the store once (devices are few, reports rare).
 */
final class DeviceNames {

    private final StoreQueries stores;
    private final DeviceRegistry devices;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    DeviceNames(StoreQueries stores, DeviceRegistry devices) {
        this.stores = stores;
        this.devices = devices;
    }

    /** The provisioned device of that name, if any. */
    Optional<DeviceRecord> byName(String name) {
        Long known = ids.get(name);
        if (known != null) {
            Optional<DeviceRecord> device = devices.byId(known).filter(record -> record.deviceName().equals(name));
            if (device.isPresent()) {
                return device;
            }
            ids.remove(name, known);
        }
        Optional<DeviceRecord> found = stores.read(InsidersTopology.DEVICES_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                store -> {
                    try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
                        while (all.hasNext()) {
                            KeyValue<Bytes, byte[]> entry = all.next();
                            DeviceRecord record = readable(entry.value);
                            if (record != null && record.deviceName().equals(name)) {
                                return Optional.of(record);
                            }
                        }
                    }
                    return Optional.<DeviceRecord>empty();
                });
        found.ifPresent(record -> ids.put(name, record.id()));
        return found;
    }

    private static DeviceRecord readable(byte[] json) {
        try {
            return json == null ? null : DeviceRecord.fromJson(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
