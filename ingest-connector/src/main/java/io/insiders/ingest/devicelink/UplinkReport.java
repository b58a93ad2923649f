package io.insiders.ingest.devicelink;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A device's report on {@code insiders.devices.uplink}, keyed by the device's name: it {@link #STARTED started} with
 * this configuration, or it {@link #APPLIED applied} the configuration of a command.
 *
 * @param type {@link #STARTED} or {@link #APPLIED}
 * @param deviceName the reporting device
 * @param commandId the command applied ({@link #APPLIED}); null when the device started
 * @param configuration the Bluetooth configuration the device runs now
 * @param reportedAt when the device reported, epoch milliseconds by its clock; null when it does not know the time
 */
public record UplinkReport(@JsonProperty("type") String type, @JsonProperty("device_name") String deviceName,
                           @JsonProperty("command_id") String commandId, @JsonProperty("configuration") BluetoothConfig configuration,
                           @JsonProperty("reported_at") Long reportedAt) {

    /** The device started, running {@code configuration}. */
    public static final String STARTED = "started";
    /** The device applied the configuration of command {@code command_id}. */
    public static final String APPLIED = "bluetooth-config-applied";

    public UplinkReport {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deviceName, "device_name");
        configuration = configuration == null ? BluetoothConfig.EMPTY : configuration;
    }

    /** The device started with this configuration. */
    public static UplinkReport started(String deviceName, BluetoothConfig configuration, long reportedAt) {
        return new UplinkReport(STARTED, deviceName, null, configuration, reportedAt);
    }

    /** The device applied the command's configuration. */
    public static UplinkReport applied(String deviceName, String commandId, BluetoothConfig configuration, long reportedAt) {
        return new UplinkReport(APPLIED, deviceName, commandId, configuration, reportedAt);
    }
}
