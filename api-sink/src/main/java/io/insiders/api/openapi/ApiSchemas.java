package io.insiders.api.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bodies of the endpoints whose handlers answer plain maps, described for the OpenAPI document
 * only: {@code @Schema(implementation = ApiSchemas.Job.class)}. Nothing serializes these records.
 */
public final class ApiSchemas {

    private ApiSchemas() {
    }

    /** A device's latest timestamp. */
    @Schema(name = "LatestTimestamp", description = "The time of the device's newest frame")
    public record LatestTimestamp(
            @Schema(description = "Epoch milliseconds", example = "1636800211900", requiredMode = Schema.RequiredMode.REQUIRED)
            long timestamp,
            @Schema(description = "The same time in ISO 8601, UTC", example = "2021-11-13T10:43:31.900000+00:00",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String datetime) {
    }

    /** The body of an ASI upload. */
    @Schema(name = "AsiUpload")
    public record AsiUpload(
            @JsonProperty("asi_b64")
            @Schema(description = "The `.asi` file, base64 encoded (line breaks allowed); at most 32 MiB once decoded",
                    example = "QVNJAAAAEAQEBkFTSSBWMgAAAQUACAcIBwgHCAcIAhoAEAAQAA......", requiredMode = Schema.RequiredMode.REQUIRED)
            String asiB64) {
    }

    /** An upload job. */
    @Schema(name = "Job", description = "An upload job: a file being decoded into frames")
    public record Job(
            @Schema(description = "Job number", example = "12", requiredMode = Schema.RequiredMode.REQUIRED)
            long id,
            @JsonProperty("job_id")
            @Schema(description = "Job identifier", example = "job-e429beeb-af8b-47ff-8e17-46e656fd5fa2",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String jobId,
            @Schema(description = "Where the job is", example = "SUCCESS", requiredMode = Schema.RequiredMode.REQUIRED)
            JobState state,
            @Schema(description = "What the job found: on success the frames decoded (`frames`), those refused by rule (`rejected`),"
                    + " `first_frame_time` and `last_frame_time`; on failure the broken `rule` and the `error`",
                    example = "{\"frames\": 41, \"rejected\": {\"no_fix\": 1}, \"first_frame_time\": \"2021-05-29T16:12:00Z\","
                            + " \"last_frame_time\": \"2021-05-29T16:19:03.900000Z\"}",
                    type = "object", requiredMode = Schema.RequiredMode.REQUIRED)
            // Object, not Map: swagger would copy the description and example onto the map's values too.
            Object details) {
    }

    /** The states of a job, in the order it goes through them. */
    public enum JobState {
        PENDING, STARTED, SUCCESS, FAILURE
    }
}
