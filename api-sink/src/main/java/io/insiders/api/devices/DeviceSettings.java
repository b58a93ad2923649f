package io.insiders.api.devices;

/**
 * What managers set about a device, beside what the fleet system provisions: the registry's entries
 * {@code device/<id>}. Written by the ownership rules (the first take-ownership activates the device)
 * and the device rules (its custom name).
 *
 * @param id the device's id
 * @param activationTime when the device was first taken, epoch milliseconds; null while it never was
 * @param customName the name its owner gave it, or null
 */
public record DeviceSettings(long id, Long activationTime, String customName) {

    /** The registry's kind of entry. */
    public static final String KIND = "device";

    /** The settings of a device nobody ever set anything about. */
    public static DeviceSettings none(long id) {
        return new DeviceSettings(id, null, null);
    }

    /** True once a take-ownership activated the device. */
    public boolean activated() {
        return activationTime != null;
    }

    public DeviceSettings withActivationTime(long time) {
        return new DeviceSettings(id, time, customName);
    }

    public DeviceSettings withCustomName(String name) {
        return new DeviceSettings(id, activationTime, name);
    }
}
