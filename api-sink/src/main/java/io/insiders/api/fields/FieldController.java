package io.insiders.api.fields;

import java.util.List;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.preprocessed.PageBody;
import io.insiders.api.preprocessed.Paging;
import io.insiders.api.security.CurrentManager;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A manager's fields (pitches): a name and four corners. Frames whose position lies on one of the fields get its id
 * and their position on it ({@code field.id}, {@code field.x}, {@code field.y}). Each manager sees and changes only his
 * own fields: another's answers 404, as if it did not exist.
 */
@RestController
@Tag(name = FieldController.TAG, description = "The fields (pitches) a manager defines: frames on one get their position on it.")
public class FieldController {

    static final String TAG = "Fields";
    static final int DEFAULT_LIMIT = 3000;
    static final int MAX_LIMIT = 3000;

    private static final String ONLY_HIS = "\n\nThis operation is restricted to manager users; each sees and changes only his own"
            + " fields (another manager's answers 404).";
    private static final String CORNERS_RULES = " The four corners come in order: the origin (where `field.x` and `field.y` are"
            + " 0), the corner along the length, the opposite corner, the corner along the width. They must form a convex"
            + " quadrilateral, corners at least 1 m apart, no angle flatter than 1 degree, at most 1 km along its length and"
            + " its width.";
    private static final String FIELD_REQUEST = "{\"name\": \"Stade Jean-Bouin\", \"corners\": ["
            + "{\"latitude\": 48.84312, \"longitude\": 2.25281}, {\"latitude\": 48.84401, \"longitude\": 2.25379},"
            + " {\"latitude\": 48.84356, \"longitude\": 2.25478}, {\"latitude\": 48.84267, \"longitude\": 2.25380}]}";
    private static final String INVALID_EXAMPLE = "{\"name\": [\"This field is required.\"], \"corners\": [{}, {\"latitude\":"
            + " [\"Ensure this value is less than or equal to 90.\"]}, {}, {}]}";
    private static final String DEGENERATE_EXAMPLE = "{\"corners\": [\"The field is not a convex quadrilateral: the interior angle"
            + " at corner 3 is 270.0 degrees; corners must be in order origin, along the length, opposite, along the width.\"]}";

    private final Fields fields;

    public FieldController(Fields fields) {
        this.fields = fields;
    }

    @Operation(operationId = "fields_list", summary = "Lists fields",
            description = "The manager's fields, by id." + ONLY_HIS)
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number", schema = @Schema(type = "integer"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Number of results per page (max is 3000)",
            schema = @Schema(type = "integer", maximum = "3000"))
    @ApiResponse(responseCode = "200", description = "A page of the manager's fields",
            content = @Content(schema = @Schema(implementation = FieldPage.class)))
    @GetMapping("/api/v1/fields/")
    PageBody<FieldView> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        List<Field> all = fields.of(CurrentManager.require().id());
        int limit = Paging.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        Paging.PageWindow window = Paging.window(all.size(), limit, Paging.page(query));
        List<FieldView> page = all.subList((int) window.offset(), (int) window.offset() + window.size()).stream()
                .map(Field::view).toList();
        return window.body(all.size(), page);
    }

    @Operation(operationId = "fields_create", summary = "Creates a field",
            description = "A new field of the manager. Frames that arrive from now on and lie on it get its id and their"
                    + " position on it." + CORNERS_RULES + ONLY_HIS,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = FieldRequest.class), examples = @ExampleObject(name = "field",
                    value = FIELD_REQUEST))))
    @ApiResponse(responseCode = "201", description = "The new field",
            content = @Content(schema = @Schema(implementation = FieldView.class)))
    @ApiResponse(responseCode = "400", description = "A name or corners missing or out of range, or corners that make no field",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "invalid", value = INVALID_EXAMPLE),
                @ExampleObject(name = "not a field", value = DEGENERATE_EXAMPLE)}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PostMapping("/api/v1/fields/")
    ResponseEntity<FieldView> create(@RequestBody(required = false) JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(fields.create(CurrentManager.require().id(), body));
    }

    @Operation(operationId = "fields_retrieve", summary = "Retrieves a field", description = "One of the manager's fields." + ONLY_HIS)
    @ApiResponse(responseCode = "200", description = "The field", content = @Content(schema = @Schema(implementation = FieldView.class)))
    @GetMapping("/api/v1/fields/{field}/")
    FieldView retrieve(@Parameter(description = "Field ID", schema = @Schema(type = "integer", format = "int64"))
                       @PathVariable("field") String fieldId) {
        return fields.require(CurrentManager.require().id(), fieldId).view();
    }

    @Operation(operationId = "fields_update", summary = "Updates a field",
            description = "Sets the field's name and corners, both required." + CORNERS_RULES + ONLY_HIS,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = FieldRequest.class), examples = @ExampleObject(name = "field",
                    value = FIELD_REQUEST))))
    @ApiResponse(responseCode = "200", description = "The field, updated",
            content = @Content(schema = @Schema(implementation = FieldView.class)))
    @ApiResponse(responseCode = "400", description = "A name or corners missing or out of range, or corners that make no field",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "invalid", value = INVALID_EXAMPLE),
                @ExampleObject(name = "not a field", value = DEGENERATE_EXAMPLE)}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PutMapping("/api/v1/fields/{field}/")
    FieldView update(@Parameter(description = "Field ID", schema = @Schema(type = "integer", format = "int64"))
                     @PathVariable("field") String fieldId, @RequestBody(required = false) JsonNode body) {
        return fields.update(CurrentManager.require().id(), fieldId, body, false);
    }

    @Operation(operationId = "fields_partial_update", summary = "Updates a field (partially)",
            description = "Sets the name or the corners given, none required." + CORNERS_RULES + ONLY_HIS,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = FieldRequest.class), examples = @ExampleObject(name = "name",
                    value = "{\"name\": \"Training pitch\"}"))))
    @ApiResponse(responseCode = "200", description = "The field, updated",
            content = @Content(schema = @Schema(implementation = FieldView.class)))
    @ApiResponse(responseCode = "400", description = "A name or corners out of range, or corners that make no field",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "too long", value = "{\"name\": [\"Ensure this field has no more than 100 characters.\"]}"),
                @ExampleObject(name = "three corners", value = "{\"corners\": [\"Ensure this field has at least 4 elements.\"]}")}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PatchMapping("/api/v1/fields/{field}/")
    FieldView partialUpdate(@Parameter(description = "Field ID", schema = @Schema(type = "integer", format = "int64"))
                            @PathVariable("field") String fieldId, @RequestBody(required = false) JsonNode body) {
        return fields.update(CurrentManager.require().id(), fieldId, body, true);
    }

    @Operation(operationId = "fields_destroy", summary = "Deletes a field",
            description = "Frames that arrive from now on are no longer placed on it; frames placed already keep its id,"
                    + " which is never given to another field." + ONLY_HIS)
    @ApiResponse(responseCode = "204", description = "The field is deleted")
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @DeleteMapping("/api/v1/fields/{field}/")
    ResponseEntity<Void> delete(@Parameter(description = "Field ID", schema = @Schema(type = "integer", format = "int64"))
                                @PathVariable("field") String fieldId) {
        fields.delete(CurrentManager.require().id(), fieldId);
        return ResponseEntity.noContent().build();
    }

    /** The body of a create or update, for the document. */
    @Schema(name = "FieldRequest")
    record FieldRequest(
            @Schema(description = "Its name, at most 100 characters", example = "Main pitch", maxLength = 100,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @io.swagger.v3.oas.annotations.media.ArraySchema(minItems = 4, maxItems = 4, arraySchema = @Schema(
                    description = "The four corners, in order", requiredMode = Schema.RequiredMode.REQUIRED))
            List<Corner> corners) {
    }

    /** A page of fields, for the document. */
    @Schema(name = "FieldPage")
    record FieldPage(
            @Schema(description = "The manager's fields in all", example = "1") long count,
            @Schema(description = "This page's number", example = "1") long page,
            @Schema(description = "The next page's number", nullable = true, example = "null") Long next,
            @Schema(description = "The previous page's number", nullable = true, example = "null") Long previous,
            List<FieldView> results) {
    }
}
