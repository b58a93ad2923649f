package io.insiders.ingest.uploads;

/** Where an upload job is: waiting, being decoded, done with its frames committed, or failed without any. */
public enum JobState {
    PENDING,
    STARTED,
    SUCCESS,
    FAILURE;

    /** True once the job will not change any more. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE;
    }
}
