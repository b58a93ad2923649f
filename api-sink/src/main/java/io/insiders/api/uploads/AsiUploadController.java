package io.insiders.api.uploads;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.web.ApiException;
import io.insiders.ingest.asi.AsiFormatException;
import io.insiders.ingest.asi.AsiHeader;
import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.JobBoard;
import io.insiders.ingest.uploads.UploadSubmitter;
import io.insiders.stream.devices.DeviceRecord;
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
public class AsiUploadController {

    /** The largest file accepted, decoded. */
    public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;
    private static final int MAX_WAIT_SECONDS = 300;

    private final DeviceRegistry devices;
    private final UploadSubmitter submitter;
    private final JobBoard board;

    public AsiUploadController(DeviceRegistry devices, UploadSubmitter submitter, JobBoard board) {
        this.devices = devices;
        this.submitter = submitter;
        this.board = board;
    }

    @PostMapping("/api/v1/devices/{device}/asi/")
    Map<String, Object> upload(@PathVariable("device") String deviceId,
                               @RequestParam(name = "wait", required = false) String wait,
                               @RequestBody(required = false) Map<String, Object> body) throws InterruptedException {
        DeviceRecord device = devices.require(deviceId);
        int waitSeconds = waitSeconds(wait);
        byte[] file = file(body);
        Job job = submitter.submit(device.id(), device.deviceName(), null, file);
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
