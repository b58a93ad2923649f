package io.insiders.ingest.uploads;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

import io.insiders.ingest.asi.AsiDecoder;
import io.insiders.ingest.asi.AsiDecoding;
import io.insiders.ingest.asi.AsiFix;
import io.insiders.ingest.asi.AsiFormatException;
import io.insiders.schemas.AsiUpload;
import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs upload jobs, exactly once: for each uploaded file, its frames (on {@code insiders.frames.raw})
 * and its final state (on {@code insiders.jobs}) are committed in one transaction together with the
 * consumer's position, so a job in {@code SUCCESS} has all its frames, a job in {@code FAILURE} has
 * none, and a crash part-way leaves nothing: the file is decoded again when the job resumes. A job
 * interrupted {@value #MAX_ATTEMPTS} times fails, saying so, rather than retrying for ever.
 */
public final class UploadJobProcessor implements Runnable, AutoCloseable {

    /** How many starts a job gets before it is failed. */
    public static final int MAX_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(UploadJobProcessor.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final JobBoard board;
    private final LongSupplier clock;
    private final Duration retention;
    private volatile boolean running = true;

    /**
     * @param bootstrapServers the cluster
     * @param groupId the consumer group the instances of one deployment share
     * @param transactionalId this instance's transactional id (unique per instance)
     * @param board the jobs as known, for the attempts of a resumed job
     * @param clock wall-clock time in epoch milliseconds
     * @param retention frames older than this are not kept by the stores, so the job does not publish them
     */
    public UploadJobProcessor(String bootstrapServers, String groupId, String transactionalId, JobBoard board,
                              LongSupplier clock, Duration retention) {
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        consumerConfig.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, UploadSubmitter.MAX_RECORD_BYTES);
        consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, UploadSubmitter.MAX_RECORD_BYTES);
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.board = board;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.ASI_UPLOADS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        process(record);
                    } catch (ProducerFencedException e) {
                        throw e;
                    } catch (KafkaException e) {
                        // The transaction was aborted: nothing of this file was committed. Take it again after a pause;
                        // its attempts count, so a file that keeps failing ends in FAILURE.
                        LOG.warn("upload at offset {} will be retried: {}", record.offset(), e.getMessage());
                        consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                        pause();
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("upload jobs stopped unexpectedly", e);
            }
        } catch (ProducerFencedException e) {
            LOG.error("another instance took over this instance's upload transactions; upload jobs stop here", e);
        } catch (RuntimeException e) {
            LOG.error("upload jobs stopped", e);
        } finally {
            consumer.close();
            producer.close();
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(partition, new OffsetAndMetadata(record.offset() + 1));
        long id = record.offset() + 1;
        AsiUpload upload;
        try {
            upload = Serdes.asiUpload().decode(record.value());
        } catch (SerializationException e) {
            LOG.error("unreadable upload at offset {}: {}", record.offset(), e.getMessage());
            Job failed = new Job(id, record.key(), 0, null, JobState.FAILURE, 1,
                    Map.of("error", "the upload record cannot be read: " + e.getMessage()), clock.getAsLong());
            commit(List.of(), failed, next);
            return;
        }
        Job known = board.job(upload.getJobId()).orElse(new Job(id, upload.getJobId(), upload.getDeviceId(),
                upload.getManagerId(), JobState.PENDING, 0, Map.of(), upload.getReceivedAt()));
        if (known.state().isFinal()) {
            // Committed already, and the offset with it: only a replayed position gets here.
            commit(List.of(), null, next);
            return;
        }
        int attempt = known.attempts() + 1;
        if (attempt > MAX_ATTEMPTS) {
            commit(List.of(), known.with(JobState.FAILURE, known.attempts(), Map.of("error",
                    "decoding was interrupted " + known.attempts() + " times; the file was not loaded"), clock.getAsLong()), next);
            return;
        }
        Job started = known.with(JobState.STARTED, attempt, Map.of(), clock.getAsLong());
        commit(List.of(), started, Map.of());
        board.saw(started);

        Job finished;
        List<ProducerRecord<String, byte[]>> frames;
        try {
            byte[] file = new byte[upload.getFile().remaining()];
            upload.getFile().duplicate().get(file);
            AsiDecoding decoding = AsiDecoder.decode(file);
            long now = clock.getAsLong();
            long oldest = now - retention.toMillis();
            frames = new ArrayList<>(decoding.frames().size());
            int expired = 0;
            for (AsiFix fix : decoding.frames()) {
                if (fix.timestamp() < oldest) {
                    expired++;
                    continue;
                }
                frames.add(new ProducerRecord<>(Topics.FRAMES_RAW, upload.getDeviceName(),
                        Serdes.frame().encode(frame(upload.getDeviceName(), fix))));
            }
            Map<String, Object> details = new LinkedHashMap<>(decoding.details());
            if (expired > 0) {
                details.put("expired", expired);
                details.put("expired_before", Instant.ofEpochMilli(oldest).toString());
            }
            if (frames.isEmpty()) {
                details.put("error", "no frame of the file is within the retention of " + retention.toDays() + " days");
                frames = List.of();
                finished = started.with(JobState.FAILURE, attempt, details, now);
            } else {
                details.put("frames", frames.size());
                finished = started.with(JobState.SUCCESS, attempt, details, now);
            }
        } catch (AsiFormatException e) {
            frames = List.of();
            finished = started.with(JobState.FAILURE, attempt, e.details(), clock.getAsLong());
        }
        commit(frames, finished, next);
        board.saw(finished);
        LOG.info("{} {} ({} frames of device {})", finished.jobId(), finished.state(), frames.size(), upload.getDeviceName());
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Frame frame(String device, AsiFix fix) {
        return Frame.newBuilder().setDeviceName(device).setTimestamp(fix.timestamp()).setLatitude(fix.latitude())
                .setLongitude(fix.longitude()).setAltitude(fix.altitude()).setSpeed(fix.speed())
                .setGnssTimestamp(fix.timestamp()).build();
    }

    /** Frames, a job state and the consumer's position, in one transaction. */
    private void commit(List<ProducerRecord<String, byte[]>> frames, Job job, Map<TopicPartition, OffsetAndMetadata> position) {
        producer.beginTransaction();
        try {
            for (ProducerRecord<String, byte[]> frame : frames) {
                producer.send(frame);
            }
            if (job != null) {
                producer.send(new ProducerRecord<>(Topics.JOBS, job.jobId(), job.toJson()));
            }
            if (!position.isEmpty()) {
                producer.sendOffsetsToTransaction(position, consumer.groupMetadata());
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
