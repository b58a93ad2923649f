package io.insiders.api.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.insiders.stream.devices.DeviceRecord;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A device as the API answers it: what the fleet system provisioned, and the custom name its owner gave it
 * ({@code null} until one is set).
 */
@Schema(name = "Device")
@JsonPropertyOrder({"id", "device_name", "serial_number", "device_type", "firmware_version", "custom_name"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceView(
        @Schema(example = "12") long id,
        @JsonProperty("device_name") @Schema(description = "Device name (identifier)", example = "864475041000000") String deviceName,
        @JsonProperty("serial_number") @Schema(example = "a8e035ee-66be-4c90-a82a-437ada22a8dd") String serialNumber,
        @JsonProperty("device_type") @Schema(example = "Model X 2000 Series") String deviceType,
        @JsonProperty("firmware_version") @Schema(example = "1.2.3") String firmwareVersion,
        @JsonProperty("custom_name") @Schema(example = "My device 123", nullable = true) String customName) {

    /** The device with its settings. */
    public static DeviceView of(DeviceRecord device, DeviceSettings settings) {
        return new DeviceView(device.id(), device.deviceName(), device.serialNumber(), device.deviceType(), device.firmwareVersion(),
                settings == null ? null : settings.customName());
    }
}
