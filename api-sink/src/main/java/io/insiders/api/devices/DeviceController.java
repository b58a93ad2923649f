package io.insiders.api.devices;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.ownership.DeviceAccess;
import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.OwnershipRules;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.preprocessed.PageBody;
import io.insiders.api.preprocessed.Paging;
import io.insiders.api.registry.Registry;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.web.ApiException;
import io.insiders.stream.devices.DeviceRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The devices a manager owns or owned: the list, taking and releasing ownership, the device itself and its
 * custom name. Ownership changes are registry commands ({@link OwnershipRules}, {@link DeviceRules}) decided
 * one at a time, so that two managers taking a free device at once leave one owner. See {@code docs/devices.md}.
 */
@RestController
@Tag(name = ApiDocs.TAG_DEVICES)
public class DeviceController {

    static final int DEFAULT_LIMIT = 3000;
    static final int MAX_LIMIT = 3000;
    static final String NEITHER = "Either serial_number or device_name is required.";
    static final String DIFFERENT = "serial_number and device_name name different devices.";

    private static final String DEVICE_EXAMPLE = "{\"id\": 12, \"device_name\": \"864475041000000\", \"serial_number\":"
            + " \"a8e035ee-66be-4c90-a82a-437ada22a8dd\", \"device_type\": \"Model X 2000 Series\", \"firmware_version\": \"1.2.3\","
            + " \"custom_name\": \"My device 123\"}";

    private final DeviceRegistry devices;
    private final DeviceAccess access;
    private final Registry registry;
    private final ObjectProvider<ActivityMembership> activities;
    private final LongSupplier clock = System::currentTimeMillis;

    public DeviceController(DeviceRegistry devices, DeviceAccess access, Registry registry, ObjectProvider<ActivityMembership> activities) {
        this.devices = devices;
        this.access = access;
        this.registry = registry;
        this.activities = activities;
    }

    @Operation(operationId = "devices_list", summary = "Lists devices",
            description = "The devices the manager ever owned; with `current=true`, only those he owns now.\n\n"
                    + "This operation is restricted to manager users.")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number", schema = @Schema(type = "integer"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Number of results per page (default and max is 3000)",
            schema = @Schema(type = "integer", maximum = "3000"))
    @Parameter(name = "ordering", in = ParameterIn.QUERY, description = "Order the results by the specified fields (comma separated),"
            + " ascendant. Prefix a field with `-` for a descendant order: device_name, custom_name, serial_number, device_type,"
            + " activation_time", schema = @Schema(type = "string"))
    @Parameter(name = "search", in = ParameterIn.QUERY, description = "Multiple fields text search (case-insensitive partial matches)"
            + " over device_name, serial_number and custom_name", schema = @Schema(type = "string"))
    @Parameter(name = "current", in = ParameterIn.QUERY, description = "If true, only the devices the manager owns now",
            schema = @Schema(type = "boolean"))
    @Parameter(name = "device_name", in = ParameterIn.QUERY, description = "Filter on device_name (insensitive contains)",
            schema = @Schema(type = "string"))
    @Parameter(name = "serial_number", in = ParameterIn.QUERY, description = "Filter on serial_number (insensitive contains)",
            schema = @Schema(type = "string"))
    @Parameter(name = "device_type", in = ParameterIn.QUERY, description = "Filter on device_type (exact match)",
            schema = @Schema(type = "string"))
    @Parameter(name = "activation_time_from", in = ParameterIn.QUERY, example = "2020-02-20T13:00:00+0100",
            description = "Filter on activation_time (greater than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "activation_time_to", in = ParameterIn.QUERY, example = "2020-02-20T18:00:00+0100",
            description = "Filter on activation_time (lesser than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "custom_name", in = ParameterIn.QUERY, description = "Filter on custom_name (insensitive contains)",
            schema = @Schema(type = "string"))
    @Parameter(name = "activity", in = ParameterIn.QUERY, description = "Filter by activity (id): a device shows up if linked to a"
            + " timeframe, itself linked to this activity", schema = @Schema(type = "number"))
    @ApiResponse(responseCode = "200", description = "A page of devices",
            content = @Content(schema = @Schema(implementation = DevicePage.class)))
    @ApiResponse(responseCode = "400", description = "A filter that cannot be read", content = @Content(
            schema = @Schema(ref = ApiDocs.VALIDATION_ERROR_SCHEMA), examples = {
                @ExampleObject(name = "date-time", value = "{\"activation_time_from\": [\"Enter a valid date/time.\"]}"),
                @ExampleObject(name = "activity", value = "{\"activity\": [\"Enter a number.\"]}")}))
    @GetMapping("/api/v1/devices/")
    PageBody<DeviceView> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        long manager = CurrentManager.require().id();
        DeviceQuery filters = DeviceQuery.from(query);
        int limit = Paging.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        long page = Paging.page(query);
        long now = clock.getAsLong();
        Set<Long> ids = new LinkedHashSet<>();
        for (Ownership ownership : Ownerships.ofManager(registry.state(), manager)) {
            if (!filters.current() || ownership.holdsAt(now)) {
                ids.add(ownership.device());
            }
        }
        List<DeviceQuery.Row> rows = ids.stream().map(devices::byId).flatMap(Optional::stream)
                .map(device -> new DeviceQuery.Row(device, settings(device.id()))).toList();
        Long activity = filters.activityId();
        Set<Long> inActivity = activity == null ? null : activityDevices(activity, manager);
        List<DeviceQuery.Row> kept = filters.apply(rows, inActivity);
        Paging.PageWindow window = Paging.window(kept.size(), limit, page);
        List<DeviceView> results = kept.subList((int) window.offset(), (int) window.offset() + window.size()).stream()
                .map(row -> DeviceView.of(row.device(), row.settings())).toList();
        return window.body(kept.size(), results);
    }

    @Operation(operationId = "devices_take_ownership_create", summary = "Take ownership of a device",
            description = "Gives the device, named by its serial number and/or its device name (both must then name the same"
                    + " device), to the authenticated manager, and activates it if it never was. The ownership starts at the"
                    + " request's time and ends at 2999-12-31T23:59:59Z. When the manager owns the device already, nothing changes"
                    + " and the device is answered.\n\nThis operation is restricted to the manager who currently owns the device,"
                    + " or to all manager users if the device currently has no owner.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = TakeOwnership.class))))
    @ApiResponse(responseCode = "201", description = "The device, now owned by the manager",
            content = @Content(schema = @Schema(implementation = DeviceView.class), examples = @ExampleObject(name = "device",
                    value = DEVICE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Neither field, both naming different devices, or a field that is not a string",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "neither", value = "{\"non_field_errors\": [\"" + NEITHER + "\"]}"),
                @ExampleObject(name = "different devices", value = "{\"non_field_errors\": [\"" + DIFFERENT + "\"]}"),
                @ExampleObject(name = "blank", value = "{\"serial_number\": [\"This field may not be blank.\"]}")}))
    @ApiResponse(responseCode = "403", description = "Another manager owns the device, or the credentials are missing or wrong",
            content = @Content(schema = @Schema(ref = ApiDocs.ERROR_SCHEMA), examples = @ExampleObject(name = "owned by another",
                    value = "{\"detail\": \"You do not have permission to perform this action.\"}")))
    @ApiResponse(responseCode = "404", description = "No device has that serial number or device name", content = @Content(
            schema = @Schema(ref = ApiDocs.ERROR_SCHEMA),
            examples = @ExampleObject(name = "not found", value = "{\"detail\": \"Not found.\"}")))
    @PostMapping("/api/v1/devices/take-ownership/")
    ResponseEntity<DeviceView> takeOwnership(@RequestBody(required = false) Map<String, Object> body) {
        long manager = CurrentManager.require().id();
        String serialNumber = DeviceBodies.optionalText(body, "serial_number");
        String deviceName = DeviceBodies.optionalText(body, "device_name");
        if (serialNumber == null && deviceName == null) {
            throw DeviceBodies.nonField(NEITHER);
        }
        DeviceRecord device = named(serialNumber, deviceName);
        registry.require(OwnershipRules.TAKE, manager, new OwnershipRules.Take(device.id()), OwnershipRules.Taken.class);
        return ResponseEntity.status(HttpStatus.CREATED).body(DeviceView.of(device, settings(device.id())));
    }

    @Operation(operationId = "devices_retrieve", summary = "Retrieves a device",
            description = "This operation is restricted to the manager user who currently owns this device.")
    @ApiResponse(responseCode = "200", description = "The device", content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @GetMapping("/api/v1/devices/{device}/")
    DeviceView device(@PathVariable("device") String deviceId) {
        DeviceRecord device = access.requireCurrentOwner(deviceId);
        return DeviceView.of(device, settings(device.id()));
    }

    @Operation(operationId = "devices_custom_name_update", summary = "Set device's custom name",
            description = "Replaced by `PATCH /api/v1/devices/{device}/` with `custom_name`. At most 60 characters of letters,"
                    + " digits, space and `_ - . ' ( ) #`; `null` removes it.\n\n"
                    + "This operation is restricted to the manager user who currently owns this device.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CustomName.class))))
    @ApiResponse(responseCode = "200", description = "The device with its new name",
            content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @ApiResponse(responseCode = "400", description = "The name is missing, too long or has characters that are not allowed",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "missing", value = "{\"custom_name\": [\"This field is required.\"]}"),
                @ExampleObject(name = "too long", value = "{\"custom_name\": [\"" + CustomNames.TOO_LONG + "\"]}"),
                @ExampleObject(name = "characters", value = "{\"custom_name\": [\"" + CustomNames.INVALID + "\"]}")}))
    @PutMapping("/api/v1/devices/{device}/custom-name/")
    DeviceView setCustomName(@PathVariable("device") String deviceId, @RequestBody(required = false) Map<String, Object> body) {
        DeviceRecord device = access.requireCurrentOwner(deviceId);
        if (body == null || !body.containsKey("custom_name")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Map.of("custom_name", List.of("This field is required.")));
        }
        return rename(device, CustomNames.read(body.get("custom_name")));
    }

    @Operation(operationId = "devices_partial_update", summary = "Updates a device",
            description = "Sets the device's custom name (`custom_name`: at most 60 characters of letters, digits, space and"
                    + " `_ - . ' ( ) #`; `null` removes it). Without `custom_name`, nothing changes.\n\n"
                    + "This operation is restricted to the manager user who currently owns this device.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = CustomName.class))))
    @ApiResponse(responseCode = "200", description = "The device", content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @ApiResponse(responseCode = "400", description = "The name is too long or has characters that are not allowed",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "too long", value = "{\"custom_name\": [\"" + CustomNames.TOO_LONG + "\"]}"),
                @ExampleObject(name = "characters", value = "{\"custom_name\": [\"" + CustomNames.INVALID + "\"]}")}))
    @PatchMapping("/api/v1/devices/{device}/")
    DeviceView update(@PathVariable("device") String deviceId, @RequestBody(required = false) Map<String, Object> body) {
        DeviceRecord device = access.requireCurrentOwner(deviceId);
        if (body == null || !body.containsKey("custom_name")) {
            return DeviceView.of(device, settings(device.id()));
        }
        return rename(device, CustomNames.read(body.get("custom_name")));
    }

    @Operation(operationId = "devices_release_ownership_create", summary = "Release device ownership",
            description = "Ends the authenticated manager's current ownership of the device, now.\n\n"
                    + "This operation is restricted to the manager who currently owns the device.")
    @ApiResponse(responseCode = "200", description = "The device, which the manager no longer owns",
            content = @Content(schema = @Schema(implementation = DeviceView.class)))
    @ApiResponse(responseCode = "400", description = "The device was never activated (never taken)", content = @Content(
            schema = @Schema(implementation = Message.class), examples = @ExampleObject(name = "never activated",
                    value = "{\"message\": \"Device has never been activated.\"}")))
    @PostMapping("/api/v1/devices/{device}/release-ownership/")
    DeviceView releaseOwnership(@PathVariable("device") String deviceId) {
        long manager = CurrentManager.require().id();
        DeviceRecord device = devices.require(deviceId);
        registry.require(OwnershipRules.RELEASE, manager, new OwnershipRules.Release(device.id()), OwnershipRules.Released.class);
        return DeviceView.of(device, settings(device.id()));
    }

    private DeviceView rename(DeviceRecord device, String name) {
        DeviceRules.Named named = registry.require(DeviceRules.CUSTOM_NAME, CurrentManager.require().id(),
                new DeviceRules.CustomName(device.id(), name), DeviceRules.Named.class);
        return DeviceView.of(device, named.settings());
    }

    /** The device a take-ownership names: 404 when a given field names none, 400 when both name different ones. */
    private DeviceRecord named(String serialNumber, String deviceName) {
        List<DeviceRecord> all = devices.all();
        Optional<DeviceRecord> bySerial = serialNumber == null ? Optional.empty()
                : all.stream().filter(device -> serialNumber.equals(device.serialNumber())).findFirst();
        Optional<DeviceRecord> byName = deviceName == null ? Optional.empty()
                : all.stream().filter(device -> deviceName.equals(device.deviceName())).findFirst();
        if (serialNumber != null && bySerial.isEmpty() || deviceName != null && byName.isEmpty()) {
            throw ApiException.notFound();
        }
        if (bySerial.isPresent() && byName.isPresent() && bySerial.get().id() != byName.get().id()) {
            throw DeviceBodies.nonField(DIFFERENT);
        }
        return bySerial.or(() -> byName).orElseThrow();
    }

    private DeviceSettings settings(long deviceId) {
        return registry.state().get(DeviceSettings.KIND, deviceId, DeviceSettings.class).orElse(DeviceSettings.none(deviceId));
    }

    private Set<Long> activityDevices(long activity, long manager) {
        ActivityMembership membership = activities.getIfAvailable();
        // Without the activities feature there is no activity, so no device is linked to one.
        return membership == null || activity == Long.MIN_VALUE ? Set.of() : membership.devicesOf(activity, manager);
    }

    /** The body of a take-ownership, for the OpenAPI document. */
    @Schema(name = "TakeOwnership")
    record TakeOwnership(
            @com.fasterxml.jackson.annotation.JsonProperty("serial_number")
            @Schema(description = "Serial number", example = "a8e035ee-66be-4c90-a82a-437ada22a8dd") String serialNumber,
            @com.fasterxml.jackson.annotation.JsonProperty("device_name")
            @Schema(description = "Device name (identifier)", example = "864475041000000") String deviceName) {
    }

    /** The body of a custom name change, for the OpenAPI document. */
    @Schema(name = "DeviceCustomName")
    record CustomName(
            @com.fasterxml.jackson.annotation.JsonProperty("custom_name")
            @Schema(description = "At most 60 characters of letters, digits, space and _ - . ' ( ) #", example = "My device 123",
                    maxLength = 60, nullable = true) String customName) {
    }

    /** A page of devices, for the OpenAPI document. */
    @Schema(name = "DevicePage")
    record DevicePage(long count, long page, Long next, Long previous, List<DeviceView> results) {
    }

    /** {@code {"message": "..."}}, for the OpenAPI document. */
    @Schema(name = "Message")
    record Message(@Schema(example = "Device has never been activated.") String message) {
    }
}
