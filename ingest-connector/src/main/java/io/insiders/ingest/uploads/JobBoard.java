package io.insiders.ingest.uploads;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.insiders.ingest.kafka.CompactedTopicReader;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every upload job, as the jobs topic says, in memory: each instance reads the whole (compacted)
 * topic, so any instance answers for any job. Reads only committed records, so a job never shows a
 * state whose frames were not committed with it.
 */
public final class JobBoard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobBoard.class);

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final CompactedTopicReader reader;
    private final Object changes = new Object();

    public JobBoard(String bootstrapServers) {
        this.reader = new CompactedTopicReader(bootstrapServers, Topics.JOBS, "insiders-job-board", this::apply);
    }

    /** Starts reading the topic from its beginning. */
    public void start() {
        reader.start();
    }

    /** Waits until the board has read the topic up to where it ended when the board started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    /** The job, as last seen. */
    public Optional<Job> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** How many jobs are in each state now, every state present (0 for none): the outcomes of the jobs the topic still keeps. */
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        for (Job job : jobs.values()) {
            counts.merge(job.state(), 1L, Long::sum);
        }
        return counts;
    }

    /** Records a job this instance just wrote, so that a read that follows sees it even before the topic echoes it. */
    public void saw(Job job) {
        jobs.merge(job.jobId(), job, JobBoard::newer);
        signal();
    }

    /**
     * Waits up to {@code timeout} for the job to reach a final state.
     *
     * @return the job as it is then, or empty for a job never seen
     */
    public Optional<Job> awaitFinal(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (true) {
                Job job = jobs.get(jobId);
                long left = deadline - System.nanoTime();
                if (job != null && job.state().isFinal() || left <= 0) {
                    return Optional.ofNullable(job);
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            jobs.remove(record.key());
            return;
        }
        try {
            saw(Job.fromJson(record.value()));
        } catch (RuntimeException e) {
            LOG.warn("unreadable job record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    /** States only move forward: an echo of an older write never hides a newer one seen first. */
    private static Job newer(Job current, Job candidate) {
        if (candidate.state().isFinal() || candidate.attempts() > current.attempts()) {
            return candidate;
        }
        return current.state().isFinal() || current.state().ordinal() > candidate.state().ordinal() ? current : candidate;
    }

    private void signal() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
