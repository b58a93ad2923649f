package io.insiders.api.uploads;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.openapi.ApiSchemas;
import io.insiders.api.ownership.DeviceAccess;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.web.ApiException;
import io.insiders.ingest.asi.AsiFormatException;
import io.insiders.ingest.asi.AsiHeader;
import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.JobBoard;
import io.insiders.ingest.uploads.UploadSubmitter;
import io.insiders.stream.devices.DeviceRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk load of an ASI file for a device: the file is checked (base64, size, header), handed to
 * Kafka with its job, and the job is answered once it has finished or after {@code wait} seconds.
 */
@RestController
@Tag(name = ApiDocs.TAG_DEVICES)
public class AsiUploadController {

    /** The largest file accepted, decoded. */
    public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;
    private static final int MAX_WAIT_SECONDS = 300;

    private final DeviceAccess access;
    private final UploadSubmitter submitter;
    private final JobBoard board;

    public AsiUploadController(DeviceAccess access, UploadSubmitter submitter, JobBoard board) {
        this.access = access;
        this.submitter = submitter;
        this.board = board;
    }

    @Operation(operationId = "devices_asi_create", summary = "Bulk load an ASI file for a device",
            description = "The `.asi` file must be encoded in base64, then included in the request body. The file is checked"
                    + " (base64, size, ASI V2 header) and decoded in the background; the answer is its job, once the job has"
                    + " finished or after `wait` seconds, whichever comes first. `GET /api/v1/jobs/{job}/` follows it.\n\n"
                    + "This operation is restricted to the manager who currently owns the device.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = ApiSchemas.AsiUpload.class))))
    @ApiResponse(responseCode = "200", description = "The job: finished (`SUCCESS`, `FAILURE`), or still `PENDING` or `STARTED`"
            + " if `wait` ran out first", content = @Content(schema = @Schema(implementation = ApiSchemas.Job.class)))
    @ApiResponse(responseCode = "400", description = "Not base64, not an ASI V2 file, `asi_b64` missing, `wait` out of range,"
            + " or a malformed body", content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "missing", value = "{\"asi_b64\": [\"This field is required.\"]}"),
                @ExampleObject(name = "not base64", value = "{\"asi_b64\": [\"Invalid base64: Illegal base64 character 20.\"]}"),
                @ExampleObject(name = "not an ASI file",
                        value = "{\"asi_b64\": [\"Not an ASI V2 file: format name length 5 at offset 9, expected 6 (ASI V2)\"]}"),
                @ExampleObject(name = "wait", value = "{\"wait\": [\"Ensure this value is between 0 and 300.\"]}"),
                @ExampleObject(name = "malformed body", value = "{\"detail\": \"JSON parse error - Unexpected end-of-input\"}")}))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "413", description = "The decoded file is larger than 32 MiB",
            content = @Content(schema = @Schema(ref = ApiDocs.ERROR_SCHEMA), examples = @ExampleObject(name = "too large",
                    value = "{\"detail\": \"The ASI file is about 40000000 bytes; the largest accepted is 33554432 bytes (32 MiB).\"}")))
    @PostMapping("/api/v1/devices/{device}/asi/")
    Map<String, Object> upload(@Parameter(description = "Device ID", schema = @Schema(type = "integer", format = "int64"))
                               @PathVariable("device") String deviceId,
                               @Parameter(description = "How many seconds to wait for the job to finish before answering (0 to 300);"
                                       + " 0 answers at once", schema = @Schema(type = "integer", minimum = "0", maximum = "300",
                                       defaultValue = "30"))
                               @RequestParam(name = "wait", required = false) String wait,
                               @RequestBody(required = false) Map<String, Object> body) throws InterruptedException {
        DeviceRecord device = access.requireCurrentOwner(deviceId);
        int waitSeconds = waitSeconds(wait);
        byte[] file = file(body);
        Job job = submitter.submit(device.id(), device.deviceName(), CurrentManager.id(), file);
        if (waitSeconds > 0) {
            job = board.awaitFinal(job.jobId(), Duration.ofSeconds(waitSeconds)).orElse(job);
        }
        return JobView.of(job);
    }

    private static int waitSeconds(String wait) {
        if (wait == null || wait.isBlank()) {
            return 30;
        }
        try {
            int seconds = Integer.parseInt(wait.strip());
            if (seconds < 0 || seconds > MAX_WAIT_SECONDS) {
                throw invalid("wait", "Ensure this value is between 0 and " + MAX_WAIT_SECONDS + ".");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw invalid("wait", "A valid integer is required.");
        }
    }

    private static byte[] file(Map<String, Object> body) {
        Object encoded = body == null ? null : body.get("asi_b64");
        if (encoded == null) {
            throw invalid("asi_b64", "This field is required.");
        }
        if (!(encoded instanceof String text) || text.isBlank()) {
            throw invalid("asi_b64", "Not a valid string.");
        }
        // Line breaks and spaces are allowed, as `base64` wraps its output; anything else must be base64.
        String compact = text.replaceAll("\\s+", "");
        if ((long) compact.length() / 4 * 3 > MAX_FILE_BYTES + 3) {
            throw tooLarge((long) compact.length() / 4 * 3);
        }
        byte[] file;
        try {
            file = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw invalid("asi_b64", "Invalid base64: " + e.getMessage() + ".");
        }
        if (file.length > MAX_FILE_BYTES) {
            throw tooLarge(file.length);
        }
        try {
            AsiHeader.check(file);
        } catch (AsiFormatException e) {
            throw invalid("asi_b64", "Not an ASI V2 file: " + e.getMessage());
        }
        return file;
    }

    private static ApiException tooLarge(long bytes) {
        return ApiException.detail(HttpStatus.PAYLOAD_TOO_LARGE, "The ASI file is about " + bytes
                + " bytes; the largest accepted is " + MAX_FILE_BYTES + " bytes (32 MiB).");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of(field, List.of(message)));
    }
}
