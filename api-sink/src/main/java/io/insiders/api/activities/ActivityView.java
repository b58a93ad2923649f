package io.insiders.api.activities;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.insiders.schemas.IsoTimes;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An activity as the API answers it.
 *
 * @param id the activity's id: the devices list's {@code activity} filter
 * @param name its name
 * @param field the field it takes place on, or null
 * @param timeframes its periods, each with the devices it links
 */
@Schema(name = "Activity", description = "An activity (a match, a training session): periods, each linking devices, on a field")
@JsonPropertyOrder({"id", "name", "field", "timeframes"})
public record ActivityView(
        @Schema(description = "Activity ID", example = "5", requiredMode = Schema.RequiredMode.REQUIRED)
        long id,
        @Schema(description = "Its name", example = "Saturday match", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "The ID of the field it takes place on", example = "3", nullable = true,
                requiredMode = Schema.RequiredMode.REQUIRED)
        Long field,
        @ArraySchema(arraySchema = @Schema(description = "Its periods, each linking devices"))
        List<TimeframeView> timeframes) {

    /**
     * A timeframe as the API answers it: ISO 8601 times in UTC.
     *
     * @param startTime when it starts
     * @param endTime when it ends
     * @param devices the IDs of the devices it links
     */
    @Schema(name = "Timeframe", description = "A period of an activity and the devices it links")
    @JsonPropertyOrder({"start_time", "end_time", "devices"})
    public record TimeframeView(
            @JsonProperty("start_time")
            @Schema(description = "When it starts", example = "2021-05-29T15:00:00Z", format = "date-time",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String startTime,
            @JsonProperty("end_time")
            @Schema(description = "When it ends, after it starts", example = "2021-05-29T16:45:00Z", format = "date-time",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String endTime,
            @ArraySchema(arraySchema = @Schema(description = "The IDs of the devices it links: devices the manager owns or"
                    + " owned", example = "[12, 13]", requiredMode = Schema.RequiredMode.REQUIRED))
            List<Long> devices) {

        static TimeframeView of(Timeframe timeframe) {
            return new TimeframeView(IsoTimes.zulu(timeframe.startTime()), IsoTimes.zulu(timeframe.endTime()), timeframe.devices());
        }
    }
}
