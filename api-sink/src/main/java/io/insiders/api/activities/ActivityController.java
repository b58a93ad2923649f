package io.insiders.api.activities;

import java.util.List;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.preprocessed.PageBody;
import io.insiders.api.preprocessed.Paging;
import io.insiders.api.security.CurrentManager;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
 * A manager's activities: a name, an optional field, and timeframes that link devices for periods of time (the
 * devices list's {@code activity} filter). Each manager sees and changes only his own activities: another's answers
 * 404, as if it did not exist.
 */
@RestController
@Tag(name = ActivityController.TAG, description = "Matches and training sessions: periods that link devices, on a field.")
public class ActivityController {

    static final String TAG = "Activities";
    static final int DEFAULT_LIMIT = 3000;
    static final int MAX_LIMIT = 3000;

    private static final String ONLY_HIS = "\n\nThis operation is restricted to manager users; each sees and changes only his own"
            + " activities (another manager's answers 404).";
    private static final String RULES = " `field` is one of the manager's fields, or null. Each timeframe has a `start_time`"
            + " and an `end_time` after it (ISO 8601, e.g. `2021-05-29T15:00:00Z` or `2021-05-29T17:00:00+0200`, or epoch"
            + " milliseconds as a string) and `devices`, the IDs of devices the manager owns or owned. At most 100 timeframes"
            + " of at most 1000 devices each.";
    private static final String ACTIVITY_REQUEST = "{\"name\": \"Saturday match\", \"field\": 3, \"timeframes\": ["
            + "{\"start_time\": \"2021-05-29T15:00:00Z\", \"end_time\": \"2021-05-29T15:45:00Z\", \"devices\": [12, 13]},"
            + " {\"start_time\": \"2021-05-29T16:00:00Z\", \"end_time\": \"2021-05-29T16:45:00Z\", \"devices\": [12, 14]}]}";
    private static final String INVALID_EXAMPLE = "{\"name\": [\"This field is required.\"], \"timeframes\": [{\"non_field_errors\":"
            + " [\"" + ActivityForm.END_BEFORE_START + "\"]}]}";
    private static final String NOT_HIS_EXAMPLE = "{\"field\": [\"Invalid pk \\\"9\\\" - object does not exist.\"], \"timeframes\":"
            + " [{}, {\"devices\": [\"Invalid pk \\\"7\\\" - object does not exist.\"]}]}";

    private final Activities activities;

    public ActivityController(Activities activities) {
        this.activities = activities;
    }

    @Operation(operationId = "activities_list", summary = "Lists activities", description = "The manager's activities, by id." + ONLY_HIS)
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number", schema = @Schema(type = "integer"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Number of results per page (max is 3000)",
            schema = @Schema(type = "integer", maximum = "3000"))
    @ApiResponse(responseCode = "200", description = "A page of the manager's activities",
            content = @Content(schema = @Schema(implementation = ActivityPage.class)))
    @GetMapping("/api/v1/activities/")
    PageBody<ActivityView> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        List<Activity> all = activities.of(CurrentManager.require().id());
        int limit = Paging.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        Paging.PageWindow window = Paging.window(all.size(), limit, Paging.page(query));
        List<ActivityView> page = all.subList((int) window.offset(), (int) window.offset() + window.size()).stream()
                .map(Activity::view).toList();
        return window.body(all.size(), page);
    }

    @Operation(operationId = "activities_create", summary = "Creates an activity",
            description = "A new activity of the manager; `field` and `timeframes` may be left out (none)." + RULES + ONLY_HIS,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ActivityRequest.class), examples = @ExampleObject(name = "activity",
                    value = ACTIVITY_REQUEST))))
    @ApiResponse(responseCode = "201", description = "The new activity",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @ApiResponse(responseCode = "400", description = "A value missing or malformed, a timeframe that ends before it starts, or a"
            + " field or devices that are not the manager's", content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA),
            examples = {@ExampleObject(name = "invalid", value = INVALID_EXAMPLE),
                @ExampleObject(name = "not his", value = NOT_HIS_EXAMPLE)}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PostMapping("/api/v1/activities/")
    ResponseEntity<ActivityView> create(@RequestBody(required = false) JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(activities.create(CurrentManager.require().id(), body));
    }

    @Operation(operationId = "activities_retrieve", summary = "Retrieves an activity",
            description = "One of the manager's activities." + ONLY_HIS)
    @ApiResponse(responseCode = "200", description = "The activity",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @GetMapping("/api/v1/activities/{activity}/")
    ActivityView retrieve(@Parameter(description = "Activity ID", schema = @Schema(type = "integer", format = "int64"))
                          @PathVariable("activity") String activityId) {
        return activities.require(CurrentManager.require().id(), activityId).view();
    }

    @Operation(operationId = "activities_update", summary = "Updates an activity",
            description = "Sets the activity's name (required), and its field and timeframes when given (left out, they are"
                    + " kept); the timeframes given replace every one." + RULES + ONLY_HIS,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ActivityRequest.class), examples = @ExampleObject(name = "activity",
                    value = ACTIVITY_REQUEST))))
    @ApiResponse(responseCode = "200", description = "The activity, updated",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @ApiResponse(responseCode = "400", description = "A value missing or malformed, a timeframe that ends before it starts, or a"
            + " field or devices that are not the manager's", content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA),
            examples = {@ExampleObject(name = "invalid", value = INVALID_EXAMPLE),
                @ExampleObject(name = "not his", value = NOT_HIS_EXAMPLE)}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PutMapping("/api/v1/activities/{activity}/")
    ActivityView update(@Parameter(description = "Activity ID", schema = @Schema(type = "integer", format = "int64"))
                        @PathVariable("activity") String activityId, @RequestBody(required = false) JsonNode body) {
        return activities.update(CurrentManager.require().id(), activityId, body, false);
    }

    @Operation(operationId = "activities_partial_update", summary = "Updates an activity (partially)",
            description = "Sets what is given, none required; the timeframes given replace every one." + RULES + ONLY_HIS,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ActivityRequest.class), examples = @ExampleObject(name = "no field",
                    value = "{\"field\": null}"))))
    @ApiResponse(responseCode = "200", description = "The activity, updated",
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @ApiResponse(responseCode = "400", description = "A value malformed, a timeframe that ends before it starts, or a field or"
            + " devices that are not the manager's", content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA),
            examples = {@ExampleObject(name = "invalid", value = INVALID_EXAMPLE),
                @ExampleObject(name = "not his", value = NOT_HIS_EXAMPLE)}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PatchMapping("/api/v1/activities/{activity}/")
    ActivityView partialUpdate(@Parameter(description = "Activity ID", schema = @Schema(type = "integer", format = "int64"))
                               @PathVariable("activity") String activityId, @RequestBody(required = false) JsonNode body) {
        return activities.update(CurrentManager.require().id(), activityId, body, true);
    }

    @Operation(operationId = "activities_destroy", summary = "Deletes an activity",
            description = "Its devices are no longer listed under its id; the id is never given to another activity." + ONLY_HIS)
    @ApiResponse(responseCode = "204", description = "The activity is deleted")
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @DeleteMapping("/api/v1/activities/{activity}/")
    ResponseEntity<Void> delete(@Parameter(description = "Activity ID", schema = @Schema(type = "integer", format = "int64"))
                                @PathVariable("activity") String activityId) {
        activities.delete(CurrentManager.require().id(), activityId);
        return ResponseEntity.noContent().build();
    }

    /** The body of a create or update, for the document. */
    @Schema(name = "ActivityRequest")
    record ActivityRequest(
            @Schema(description = "Its name, at most 100 characters", example = "Saturday match", maxLength = 100,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @Schema(description = "The ID of one of the manager's fields, or null", example = "3", nullable = true)
            Long field,
            @ArraySchema(maxItems = 100, arraySchema = @Schema(description = "Its periods, each linking devices"))
            List<ActivityView.TimeframeView> timeframes) {
    }

    /** A page of activities, for the document. */
    @Schema(name = "ActivityPage")
    record ActivityPage(
            @Schema(description = "The manager's activities in all", example = "1") long count,
            @Schema(description = "This page's number", example = "1") long page,
            @Schema(description = "The next page's number", nullable = true, example = "null") Long next,
            @Schema(description = "The previous page's number", nullable = true, example = "null") Long previous,
            List<ActivityView> results) {
    }
}
