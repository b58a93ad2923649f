package io.insiders.ingest.devicelink;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A command to a device on {@code insiders.devices.downlink}, keyed by the device's name: apply this Bluetooth
 * configuration (the whole of it: a slot it leaves out is unpaired), then report it applied with the command's id.
 *
 * @param type always {@link #BLUETOOTH_CONFIG}: other commands may come, a device ignores the types it does not know
 * @param commandId the id the device's report carries back
 * @param deviceName the device it is for
 * @param configuration the configuration to apply
 * @param sentAt when it was sent, epoch milliseconds; null when unknown
 */
public record DownlinkCommand(@JsonProperty("type") String type, @JsonProperty("command_id") String commandId,
                              @JsonProperty("device_name") String deviceName, @JsonProperty("configuration") BluetoothConfig configuration,
                              @JsonProperty("sent_at") Long sentAt) {

    /** Apply a Bluetooth configuration. */
    public static final String BLUETOOTH_CONFIG = "bluetooth-config";

    public DownlinkCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(commandId, "command_id");
        Objects.requireNonNull(deviceName, "device_name");
        configuration = configuration == null ? BluetoothConfig.EMPTY : configuration;
    }

    /** A command to apply a Bluetooth configuration. */
    public static DownlinkCommand bluetooth(String commandId, String deviceName, BluetoothConfig configuration, long sentAt) {
        return new DownlinkCommand(BLUETOOTH_CONFIG, commandId, deviceName, configuration, sentAt);
    }
}
