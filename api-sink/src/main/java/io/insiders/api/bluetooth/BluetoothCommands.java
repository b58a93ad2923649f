package io.insiders.api.bluetooth;

import java.util.List;
import java.util.Map;

import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.Pairing;

/** The registry commands of the Bluetooth feature, their types and payloads (decided by {@link BluetoothRules}). */
final class BluetoothCommands {

    /** The prefix of every type. */
    static final String PREFIX = "bluetooth.";
    /** A manager changes the target ({@link SetTarget}). */
    static final String TARGET = PREFIX + "target";
    /** The device reported that it started ({@link Reported}). */
    static final String STARTED = PREFIX + "started";
    /** The device reported a configuration applied ({@link Reported}). */
    static final String APPLIED = PREFIX + "applied";

    private BluetoothCommands() {
    }

    /**
     * A change to a device's target: the slots to set and those to empty, applied to the target as the processor finds
     * it, so that two managers' changes to different slots both hold (and the current owner is checked then).
     *
     * @param device the device's id
     * @param deviceName its name, the key of the downlink command
     * @param set the slots set, by name ({@code pairing_1}, {@code pairing_2})
     * @param remove the slots emptied
     * @param immediate true to send the new target to the device at once
     */
    record SetTarget(long device, String deviceName, Map<String, Pairing> set, List<String> remove, boolean immediate) {

        SetTarget {
            set = set == null ? Map.of() : Map.copyOf(set);
            remove = remove == null ? List.of() : List.copyOf(remove);
        }

        BluetoothConfig applyTo(BluetoothConfig target) {
            BluetoothConfig changed = target;
            for (Map.Entry<String, Pairing> slot : set.entrySet()) {
                changed = changed.with(slot.getKey(), slot.getValue());
            }
            for (String slot : remove) {
                changed = changed.with(slot, null);
            }
            return changed;
        }
    }

    /**
     * A device's report, from the uplink.
     *
     * @param device the device's id, found by its name
     * @param deviceName the device's name
     * @param commandId the command it applied, or null when it started
     * @param configuration the configuration it runs now
     * @param reportedAt when it reported (its clock), or null
     */
    record Reported(long device, String deviceName, String commandId, BluetoothConfig configuration, Long reportedAt) {
    }
}
