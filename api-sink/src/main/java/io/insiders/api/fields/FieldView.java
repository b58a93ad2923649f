package io.insiders.api.fields;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A field as the API answers it.
 *
 * @param id the field's id: the {@code field.id} of the data rows on it
 * @param name its name
 * @param corners its four corners, in order
 */
@Schema(name = "Field", description = "A field (pitch): frames whose position lies on it get `field.id`, `field.x` and `field.y`")
@JsonPropertyOrder({"id", "name", "corners"})
public record FieldView(
        @Schema(description = "Field ID", example = "3", requiredMode = Schema.RequiredMode.REQUIRED)
        long id,
        @Schema(description = "Its name", example = "Main pitch", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @ArraySchema(minItems = 4, maxItems = 4, arraySchema = @Schema(description = "The four corners in order: the origin"
                + " (where `field.x` and `field.y` are 0), the corner along the length (`field.x` grows towards it), the"
                + " opposite corner, the corner along the width (`field.y` grows towards it)"))
        List<Corner> corners) {
}
