package io.insiders.ingest.uploads;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object changes = new Object();
    private volatile boolean running = true;

    public JobBoard(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "insiders-job-board");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "insiders-job-board");
        reader.setDaemon(true);
    }

    /** Starts reading the topic from its beginning. */
    public void start() {
        reader.start();
    }

    /** Waits until the board has read the topic up to where it ended when the board started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The job, as last seen. */
    public Optional<Job> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
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

    private void read() {
        try {
            List<TopicPartition> partitions = jobPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.info("job board caught up: {} jobs", jobs.size());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the job board stopped reading {}", Topics.JOBS, e);
        } finally {
            consumer.close();
        }
    }

    /** The jobs topic's partitions, once it exists: the application creates its topics while the board starts. */
    private List<TopicPartition> jobPartitions() throws InterruptedException {
        while (running) {
            List<PartitionInfo> found;
            try {
                found = consumer.partitionsFor(Topics.JOBS, Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                LOG.info("waiting for {}: {}", Topics.JOBS, e.getMessage());
                continue;
            }
            if (found != null && !found.isEmpty()) {
                return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            }
            Thread.sleep(200);
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            jobs.remove(record.key());
            return;
        }
        try {
            Job job = Job.fromJson(record.value());
            jobs.merge(job.jobId(), job, JobBoard::newer);
            signal();
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
        running = false;
        consumer.wakeup();
        reader.join(10_000);
    }
}
