package io.insiders.api.fields;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A corner of a field, in degrees.
 *
 * @param latitude degrees north, within [-90, 90]
 * @param longitude degrees east, within [-180, 180]
 */
@Schema(name = "FieldCorner", description = "A corner of the field")
public record Corner(
        @Schema(description = "Degrees north, -90 to 90", example = "48.84312", requiredMode = Schema.RequiredMode.REQUIRED)
        double latitude,
        @Schema(description = "Degrees east, -180 to 180", example = "2.25281", requiredMode = Schema.RequiredMode.REQUIRED)
        double longitude) {
}
