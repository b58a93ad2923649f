package io.insiders.api.operability;

import io.insiders.ingest.uploads.JobBoard;
import io.insiders.ingest.uploads.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code insiders_upload_jobs{state}}: the upload jobs in each state, as the job board knows them.
 * The board reads the whole jobs topic, so every instance gives the same figures for the deployment:
 * {@code SUCCESS} and {@code FAILURE} are the jobs' outcomes, and {@code PENDING} or {@code STARTED}
 * jobs that do not drain point at a job processor that does not run.
 */
final class UploadJobMetrics implements MeterBinder {

    private final JobBoard board;

    UploadJobMetrics(JobBoard board) {
        this.board = board;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            Gauge.builder("insiders.upload.jobs", board, b -> b.countByState().get(state))
                    .description("Upload jobs in this state, in the whole deployment")
                    .tag("state", state.name()).register(registry);
        }
    }
}
