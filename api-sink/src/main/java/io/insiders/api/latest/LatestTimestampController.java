package io.insiders.api.latest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.openapi.ApiSchemas;
import io.insiders.api.ownership.DeviceAccess;
import io.insiders.api.ownership.Ownership;
import io.insiders.api.streams.StoreQueries;
import io.insiders.api.web.ApiException;
import io.insiders.schemas.IsoTimes;
import io.insiders.stream.devices.DeviceRecord;
import io.insiders.stream.latest.LatestTimestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A device's latest timestamp: the time of its newest frame, from the stream processor's store, for its current owner
 * (a newest frame from before his ownership is not his: no data yet).
 */
@RestController
@Tag(name = ApiDocs.TAG_PREPROCESSED_DATA)
public class LatestTimestampController {

    private final DeviceRegistry devices;
    private final DeviceAccess access;
    private final StoreQueries stores;

    public LatestTimestampController(DeviceRegistry devices, DeviceAccess access, StoreQueries stores) {
        this.devices = devices;
        this.access = access;
        this.stores = stores;
    }

    @Operation(operationId = "devices_preprocessed_data_latest_timestamp_retrieve", summary = "Retrieve device's latest timestamp",
            description = "The time of the device's newest frame, in epoch milliseconds and in ISO 8601. A frame older than the"
                    + " latest never moves it back.\n\nThis operation is restricted to the manager who currently owns the device.")
    @ApiResponse(responseCode = "200", description = "The device's latest timestamp",
            content = @Content(schema = @Schema(implementation = ApiSchemas.LatestTimestamp.class)))
    @ApiResponse(responseCode = "400", description = "The device has no data yet (none since the manager's ownership began)",
            content = @Content(schema = @Schema(ref = ApiDocs.ERROR_SCHEMA),
                    examples = @ExampleObject(name = "no data", value = "{\"detail\": \"No data for this device yet.\"}")))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping("/api/v1/devices/{device}/preprocessed-data/latest-timestamp/")
    Map<String, Object> latestTimestamp(@Parameter(description = "Device ID", schema = @Schema(type = "integer", format = "int64"))
                                        @PathVariable("device") String deviceId) {
        DeviceRecord device = devices.require(deviceId);
        Ownership current = access.requireCurrentOwner(device);
        Long timestamp = stores.read(LatestTimestamps.STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore(),
                latest -> LatestTimestamps.read(latest, device.deviceName()));
        if (timestamp == null) {
            stores.requireAuthoritativeAbsence(LatestTimestamps.STORE);
        }
        // A newest frame from before his ownership is a previous owner's: none of his yet.
        if (timestamp == null || timestamp < current.startTime()) {
            throw ApiException.detail(HttpStatus.BAD_REQUEST, "No data for this device yet.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", timestamp);
        body.put("datetime", IsoTimes.offset(timestamp));
        return body;
    }
}
