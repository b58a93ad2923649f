package io.insiders.ingest.uploads;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upload job, as kept on {@code insiders.jobs} (JSON, keyed by job id, compacted).
 *
 * @param id the job's number: the upload's offset on its topic, plus one
 * @param jobId {@code job-<uuid>}
 * @param deviceId the device the file was uploaded for
 * @param managerId the manager who uploaded it, or null
 * @param state where the job is
 * @param attempts how many times decoding started (a crash makes it start again)
 * @param details what the decoding found, or why it failed; empty while pending
 * @param updatedAt when the state was written, epoch milliseconds
 */
public record Job(long id, String jobId, long deviceId, Long managerId, JobState state, int attempts,
                  Map<String, Object> details, long updatedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(state, "state");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** This job in another state. */
    public Job with(JobState newState, int newAttempts, Map<String, Object> newDetails, long now) {
        return new Job(id, jobId, deviceId, managerId, newState, newAttempts, newDetails, now);
    }

    /** The record's JSON. */
    public byte[] toJson() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", id);
        node.put("job_id", jobId);
        node.put("device_id", deviceId);
        node.put("manager_id", managerId);
        node.put("state", state.name());
        node.put("attempts", attempts);
        node.put("details", details);
        node.put("updated_at", updatedAt);
        return JSON.writeValueAsBytes(node);
    }

    /** Reads a record written by {@link #toJson()}. */
    public static Job fromJson(byte[] json) {
        Map<String, Object> node = JSON.readValue(json, MAP);
        Object manager = node.get("manager_id");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) node.get("details");
        return new Job(((Number) node.get("id")).longValue(), (String) node.get("job_id"),
                ((Number) node.get("device_id")).longValue(), manager == null ? null : ((Number) manager).longValue(),
                JobState.valueOf((String) node.get("state")), ((Number) node.get("attempts")).intValue(), details,
                ((Number) node.get("updated_at")).longValue());
    }
}
