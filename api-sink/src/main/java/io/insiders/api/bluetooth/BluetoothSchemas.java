package io.insiders.api.bluetooth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The Bluetooth bodies, described for the OpenAPI document only (the handlers answer maps and records of the device link). */
final class BluetoothSchemas {

    private BluetoothSchemas() {
    }

    @Schema(name = "BluetoothPairing", description = "A paired Bluetooth sensor")
    record PairingSchema(
            @JsonProperty("mac_address")
            @Schema(description = "The sensor's MAC address: six pairs of hexadecimal digits separated by colons (answered in lower case)",
                    example = "02:32:f8:26:fa:ae", pattern = "^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String macAddress,
            @Schema(description = "A name for people, at most 64 characters (trimmed; empty when not given)",
                    example = "My heart rate bluetooth device", maxLength = BluetoothRequest.MAX_NAME_LENGTH)
            String name) {
    }

    @Schema(name = "BluetoothConfiguration", description = "Bluetooth pairings; a slot is absent when nothing is paired in it")
    record ConfigurationSchema(
            @JsonProperty("pairing_1")
            @Schema(description = "The heart-rate sensor")
            PairingSchema pairing1,
            @JsonProperty("pairing_2")
            @Schema(description = "The power meter")
            PairingSchema pairing2) {
    }

    @Schema(name = "BluetoothConfigurationPatch", description = "The slots to change in the target: an object sets the slot,"
            + " `null` empties it, a slot left out stays as it is; other keys are ignored")
    record PatchSchema(
            @JsonProperty("pairing_1")
            @Schema(description = "The heart-rate sensor, or `null` to unpair it", nullable = true)
            PairingSchema pairing1,
            @JsonProperty("pairing_2")
            @Schema(description = "The power meter, or `null` to unpair it", nullable = true)
            PairingSchema pairing2) {
    }

    @Schema(name = "BluetoothConfigurations", description = "What the device runs as far as the server knows, and what it should run")
    record DataSchema(
            @Schema(description = "The configuration the device last reported it runs; read only",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            ConfigurationSchema current,
            @Schema(description = "The configuration to be set on the device when it is ready", requiredMode = Schema.RequiredMode.REQUIRED)
            ConfigurationSchema target) {
    }

    @Schema(name = "BluetoothConfigResponse")
    record ResponseSchema(
            @Schema(example = "success", requiredMode = Schema.RequiredMode.REQUIRED)
            String status,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            DataSchema data) {
    }
}
