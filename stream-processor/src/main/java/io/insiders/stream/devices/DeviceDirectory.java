package io.insiders.stream.devices;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioned devices by name, in memory, for the intake's lookup of every frame.
 *
 * <p>The registry itself is a global store keyed by device id (an exact copy of the provisioning
 * topic, so a restore rebuilds it byte for byte). Frames name their device, so the pipeline needs
 * the reverse index; it is built once from the store when first asked (global stores are restored
 * before any stream task runs) and then kept current by the registry's processor.
 */
public final class DeviceDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceDirectory.class);

    private final Map<String, DeviceRecord> byName = new ConcurrentHashMap<>();
    private final Map<Long, String> nameById = new ConcurrentHashMap<>();
    private ReadOnlyKeyValueStore<Bytes, byte[]> registry;
    private volatile boolean loaded;
    /** Moves on after each change of the directory: a copy of a record taken at an older version may be stale. */
    private volatile int version;

    /** Called by the registry processor when it starts: the directory reads this store when first asked. */
    synchronized void attach(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        this.registry = store;
    }

    /** The device of that name, or null when no device of that name was provisioned. */
    public DeviceRecord byName(String deviceName) {
        if (!loaded) {
            loadOnce();
        }
        return byName.get(deviceName);
    }

    /**
     * The directory's version: it moves on after each change, so a record read by {@link #byName} at a version that is
     * still current is still the device's.
     */
    public int version() {
        return version;
    }

    synchronized void provisioned(DeviceRecord device) {
        if (!loaded) {
            return;
        }
        String previousName = nameById.put(device.id(), device.deviceName());
        if (previousName != null && !previousName.equals(device.deviceName())) {
            byName.remove(previousName);
        }
        byName.put(device.deviceName(), device);
        version++;
    }

    synchronized void removed(long id) {
        if (!loaded) {
            return;
        }
        String name = nameById.remove(id);
        if (name != null) {
            byName.remove(name);
        }
        version++;
    }

    private synchronized void loadOnce() {
        if (loaded || registry == null) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> all = registry.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value == null) {
                    return;
                }
                try {
                    DeviceRecord device = DeviceRecord.fromJson(entry.value);
                    nameById.put(device.id(), device.deviceName());
                    byName.put(device.deviceName(), device);
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring unreadable device record {}: {}", entry.key, e.getMessage());
                }
            });
        }
        version++;
        loaded = true;
    }
}
