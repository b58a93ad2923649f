package io.insiders.api.ownership;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.insiders.api.devices.DeviceView;
import io.insiders.schemas.IsoTimes;
import io.swagger.v3.oas.annotations.media.Schema;

/** A device ownership as the API answers it: times in ISO 8601, UTC, and the device's details. */
@Schema(name = "DeviceOwnership")
@JsonPropertyOrder({"id", "start_time", "end_time", "device", "manager", "device_details"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OwnershipView(
        @Schema(example = "12") long id,
        @JsonProperty("start_time") @Schema(example = "2019-11-21T19:57:45Z", format = "date-time") String startTime,
        @JsonProperty("end_time") @Schema(example = "2999-12-31T23:59:59Z", format = "date-time") String endTime,
        @Schema(description = "Device ID", example = "1") long device,
        @Schema(description = "Manager ID", example = "1") long manager,
        @JsonProperty("device_details") @Schema(description = "The device; null if it is no longer provisioned", nullable = true)
        DeviceView deviceDetails) {

    static OwnershipView of(Ownership ownership, DeviceView device) {
        return new OwnershipView(ownership.id(), IsoTimes.zulu(ownership.startTime()), IsoTimes.zulu(ownership.endTime()),
                ownership.device(), ownership.manager(), device);
    }
}
