package io.insiders.api.preprocessed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.insiders.schemas.EnrichedFrame;

/**
 * A frame as the API answers it: every measured value, {@code null} where the frame lacks it, and the
 * position on a field only where the frame lies on one (the keys are absent otherwise).
 *
 * @param timestamp the frame's time, epoch milliseconds
 * @param altitude metres
 * @param latitude degrees
 * @param longitude degrees
 * @param speed metres per second
 * @param gnssTimestamp the GNSS fix's time, epoch milliseconds
 * @param heartRate beats per minute
 * @param fieldId the field the position lies on
 * @param fieldX metres from the field's origin corner along its length
 * @param fieldY metres from the field's origin corner along its width
 */
@JsonPropertyOrder({"timestamp", "gnss.altitude", "gnss.latitude", "gnss.longitude", "gnss.speed", "gnss.timestamp", "ecg.hr",
    "field.id", "field.x", "field.y"})
public record DataRow(
        @JsonProperty("timestamp") long timestamp,
        @JsonProperty("gnss.altitude") Double altitude,
        @JsonProperty("gnss.latitude") Double latitude,
        @JsonProperty("gnss.longitude") Double longitude,
        @JsonProperty("gnss.speed") Double speed,
        @JsonProperty("gnss.timestamp") Long gnssTimestamp,
        @JsonProperty("ecg.hr") Integer heartRate,
        @JsonProperty("field.id") @JsonInclude(JsonInclude.Include.NON_NULL) Long fieldId,
        @JsonProperty("field.x") @JsonInclude(JsonInclude.Include.NON_NULL) Double fieldX,
        @JsonProperty("field.y") @JsonInclude(JsonInclude.Include.NON_NULL) Double fieldY) {

    static DataRow of(EnrichedFrame frame) {
        boolean onField = frame.getFieldId() != null;
        return new DataRow(frame.getTimestamp(), frame.getAltitude(), frame.getLatitude(), frame.getLongitude(), frame.getSpeed(),
                frame.getGnssTimestamp(), frame.getHeartRate(), frame.getFieldId(), onField ? frame.getFieldX() : null,
                onField ? frame.getFieldY() : null);
    }
}
