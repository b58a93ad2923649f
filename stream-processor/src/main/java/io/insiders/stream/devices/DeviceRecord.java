package io.insiders.stream.devices;

import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A device as the fleet system provisions it on {@code insiders.devices.provisioning}.
 *
 * @param id the fleet system's id, the same in every installation
 * @param deviceName the device's name, its identifier in frames
 * @param serialNumber the serial number printed on the device
 * @param deviceType the model
 * @param firmwareVersion the firmware it runs
 */
public record DeviceRecord(long id, String deviceName, String serialNumber, String deviceType, String firmwareVersion) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public DeviceRecord {
        Objects.requireNonNull(deviceName, "device_name");
        if (id <= 0) {
            throw new IllegalArgumentException("id must be a positive integer, not " + id);
        }
        if (deviceName.isBlank()) {
            throw new IllegalArgumentException("device_name must not be blank");
        }
    }

    /**
     * Reads a provisioning record.
     *
     * @throws IllegalArgumentException when the JSON is malformed or lacks {@code id} or {@code device_name}
     */
    public static DeviceRecord fromJson(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a device record must be a JSON object");
        }
        JsonNode id = node.get("id");
        JsonNode name = node.get("device_name");
        if (id == null || !id.canConvertToLong()) {
            throw new IllegalArgumentException("id is required and must be an integer");
        }
        if (name == null || !name.isString()) {
            throw new IllegalArgumentException("device_name is required and must be a string");
        }
        return new DeviceRecord(id.asLong(), name.asString(), text(node, "serial_number"), text(node, "device_type"),
                text(node, "firmware_version"));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The record as the provisioning topic carries it. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("device_name", deviceName);
        node.put("serial_number", serialNumber);
        node.put("device_type", deviceType);
        node.put("firmware_version", firmwareVersion);
        return JSON.writeValueAsBytes(node);
    }
}
