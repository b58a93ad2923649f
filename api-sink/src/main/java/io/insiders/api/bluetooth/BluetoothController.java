package io.insiders.api.bluetooth;

import java.util.Map;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.ownership.DeviceAccess;
import io.insiders.api.registry.Registry;
import io.insiders.api.security.CurrentManager;
import io.insiders.stream.devices.DeviceRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A device's Bluetooth configurations: {@code current} (what the device reported it runs) and {@code target} (what its
 * current owner wants it to run). See {@code docs/bluetooth.md}.
 */
@RestController
@Tag(name = ApiDocs.TAG_DEVICES)
public class BluetoothController {

    private static final String EXAMPLE = "{\"status\": \"success\", \"data\": {"
            + "\"current\": {\"pairing_1\": {\"mac_address\": \"02:32:f8:26:fa:ae\", \"name\": \"My heart rate bluetooth device\"}},"
            + " \"target\": {\"pairing_1\": {\"mac_address\": \"02:32:f8:26:fa:ae\", \"name\": \"My heart rate bluetooth device\"}}}}";
    private static final String OWNER_ONLY = "This operation is restricted to the manager who currently owns the device.";

    private final DeviceAccess access;
    private final Registry registry;

    public BluetoothController(DeviceAccess access, Registry registry) {
        this.access = access;
        this.registry = registry;
    }

    @Operation(operationId = "devices_bluetooth_config_retrieve", summary = "Get bluetooth config for a device",
            description = "Heartrate sensor corresponds to the `pairing_1` field. Powermeter sensor corresponds to the `pairing_2`"
                    + " field. For details about `current` and `target` configurations, see explanations for PATCH.\n\n" + OWNER_ONLY)
    @ApiResponse(responseCode = "200", description = "The device's current and target configurations",
            content = @Content(schema = @Schema(implementation = BluetoothSchemas.ResponseSchema.class),
                    examples = @ExampleObject(name = "configured", value = EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not authenticated, or not the manager who currently owns the device",
            content = @Content(schema = @Schema(ref = ApiDocs.ERROR_SCHEMA), examples = @ExampleObject(name = "not the owner",
                    value = "{\"detail\": \"You do not have permission to perform this action.\"}")))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping("/api/v1/devices/{device}/bluetooth-config/")
    Map<String, Object> get(@PathVariable("device") String deviceId) {
        DeviceRecord device = access.requireCurrentOwner(deviceId);
        return registry.state().get(BluetoothEntry.KIND, device.id(), BluetoothEntry.class)
                .orElseGet(() -> BluetoothEntry.none(device.id(), device.deviceName())).answer();
    }

    @Operation(operationId = "devices_bluetooth_config_partial_update", summary = "Configure bluetooth pairing for a device",
            description = "Both Heartrate (HR) and Powermeter bluetooth sensors are supported by the device. Heartrate sensor can be"
                    + " configured through the `pairing_1` parameter, Powermeter sensor through the `pairing_2` parameter; the device"
                    + " supports both at the same time.\n\n"
                    + "There are two configurations: `current` is the configuration the device runs as far as the server is aware;"
                    + " it is read only. `target` is the configuration to be set on the device whenever it is ready to accept"
                    + " requests: this is the one you update. It replaces `current` only when the device has received and applied"
                    + " it, and reported so. A successful PATCH is therefore not guaranteed to change `current`: handle any"
                    + " difference between `current` and `target` before updating `target` again.\n\n"
                    + "A slot given an object is set, a slot given `null` is unpaired, a slot left out stays as it is.\n\n"
                    + OWNER_ONLY,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = BluetoothSchemas.PatchSchema.class),
                            examples = @ExampleObject(name = "heart rate strap",
                                    value = "{\"pairing_1\": {\"mac_address\": \"02:32:f8:26:fa:ae\","
                                            + " \"name\": \"My heart rate bluetooth device\"}}"))))
    @ApiResponse(responseCode = "200", description = "The device's configurations, the target changed",
            content = @Content(schema = @Schema(implementation = BluetoothSchemas.ResponseSchema.class),
                    examples = @ExampleObject(name = "configured", value = EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "A MAC address that is not six hexadecimal pairs, a name too long, a slot that is"
            + " not an object, `immediate_sending` not a boolean, or a malformed body",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "bad MAC address", value = "{\"pairing_1\": {\"mac_address\": [\"" + BluetoothRequest.INVALID_MAC
                        + "\"]}}"),
                @ExampleObject(name = "MAC address missing", value = "{\"pairing_2\": {\"mac_address\": [\"This field is required.\"]}}"),
                @ExampleObject(name = "name too long",
                        value = "{\"pairing_1\": {\"name\": [\"Ensure this field has no more than 64 characters.\"]}}"),
                @ExampleObject(name = "not a boolean", value = "{\"immediate_sending\": [\"Must be a valid boolean.\"]}"),
                @ExampleObject(name = "malformed body", value = "{\"detail\": \"JSON parse error - Unexpected end-of-input\"}")}))
    @ApiResponse(responseCode = "403", description = "Not authenticated, or not the manager who currently owns the device",
            content = @Content(schema = @Schema(ref = ApiDocs.ERROR_SCHEMA), examples = @ExampleObject(name = "not the owner",
                    value = "{\"detail\": \"You do not have permission to perform this action.\"}")))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @PatchMapping("/api/v1/devices/{device}/bluetooth-config/")
    Map<String, Object> patch(@PathVariable("device") String deviceId,
                              @Parameter(description = "If true, the configuration is immediately sent to device. Otherwise, it takes"
                                      + " effect on device startup. Also `1`/`0`, `yes`/`no`, `on`/`off`...",
                                      schema = @Schema(type = "boolean", defaultValue = "false"))
                              @RequestParam(name = "immediate_sending", required = false) String immediateSending,
                              @RequestBody(required = false) Object body) {
        DeviceRecord device = access.requireCurrentOwner(deviceId);
        BluetoothRequest request = BluetoothRequest.read(body, immediateSending);
        BluetoothCommands.SetTarget change = new BluetoothCommands.SetTarget(device.id(), device.deviceName(), request.set(),
                request.remove(), request.immediate());
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = registry.require(BluetoothCommands.TARGET, CurrentManager.require().id(), change, Map.class);
        return answer;
    }
}
