package io.insiders.api.uploads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.insiders.ingest.uploads.Job;

/** A job as the API shows it: {@code {"id", "job_id", "state", "details"}}. */
final class JobView {

    private JobView() {
    }

    static Map<String, Object> of(Job job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("job_id", job.jobId());
        body.put("state", job.state().name());
        body.put("details", job.details());
        return body;
    }
}
