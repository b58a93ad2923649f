package io.insiders.api.latest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.streams.StoreQueries;
import io.insiders.api.web.ApiException;
import io.insiders.schemas.IsoTimes;
import io.insiders.stream.devices.DeviceRecord;
import io.insiders.stream.latest.LatestTimestamps;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A device's latest timestamp: the time of its newest frame, from the stream processor's store. */
@RestController
public class LatestTimestampController {

    private final DeviceRegistry devices;
    private final StoreQueries stores;

    public LatestTimestampController(DeviceRegistry devices, StoreQueries stores) {
        this.devices = devices;
        this.stores = stores;
    }

    @GetMapping("/api/v1/devices/{device}/preprocessed-data/latest-timestamp/")
    Map<String, Object> latestTimestamp(@PathVariable("device") String deviceId) {
        DeviceRecord device = devices.require(deviceId);
        Long timestamp = stores.read(LatestTimestamps.STORE, QueryableStoreTypes.<String, Long>keyValueStore(),
                latest -> latest.get(device.deviceName()));
        if (timestamp == null) {
            throw ApiException.detail(HttpStatus.BAD_REQUEST, "No data for this device yet.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", timestamp);
        body.put("datetime", IsoTimes.offset(timestamp));
        return body;
    }
}
