package io.insiders.api.bluetooth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.streams.StoreQueries;
import io.insiders.stream.InsidersTopology;
import io.insiders.stream.devices.DeviceRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The id of a device by its name, for the device link whose messages carry names. The provisioned devices are kept
 * by id (the {@code devices} global store); a name seen before is checked against its device's record. A name not
 * seen before makes one read of the whole store, which indexes every device's name: a fleet of 10,000 devices
 * reporting {@code started} at once costs one read, not one per device (each a scan of 10,000 records).
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
        synchronized (this) {
            // Reports are handled side by side: one read of the store finds a fleet's new names, the others wait for it.
            if (!ids.containsKey(name)) {
                indexAll();
            }
        }
        Long id = ids.get(name);
        return id == null ? Optional.empty() : devices.byId(id).filter(record -> record.deviceName().equals(name));
    }

    /** Indexes the name of every provisioned device (one read of the store). */
    private void indexAll() {
        stores.read(InsidersTopology.DEVICES_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(), store -> {
            try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
                while (all.hasNext()) {
                    DeviceRecord record = readable(all.next().value);
                    if (record != null) {
                        ids.put(record.deviceName(), record.id());
                    }
                }
            }
            return null;
        });
    }

    private static DeviceRecord readable(byte[] json) {
        try {
            return json == null ? null : DeviceRecord.fromJson(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
