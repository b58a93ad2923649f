package io.insiders.ingest.uploads;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

import io.insiders.schemas.AsiUpload;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Accepts uploads: the file and its job's {@code PENDING} state are written in one transaction, so
 * a job exists exactly when its file does. The job's number is the file's offset on the uploads
 * topic (one partition) plus one: unique, increasing, and given by Kafka.
 */
public final class UploadSubmitter implements AutoCloseable {

    /** Files up to 32 MiB travel as one record; the topic and the producer allow a little more. */
    public static final int MAX_RECORD_BYTES = 40 * 1024 * 1024;

    private final KafkaProducer<String, byte[]> producer;
    private final JobBoard board;
    private final LongSupplier clock;

    public UploadSubmitter(String bootstrapServers, String transactionalId, JobBoard board, LongSupplier clock) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_RECORD_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.board = board;
        this.clock = clock;
        producer.initTransactions();
    }

    /**
     * Submits a file for a device.
     *
     * @return the new job, {@code PENDING}
     */
    public synchronized Job submit(long deviceId, String deviceName, Long managerId, byte[] file) {
        String jobId = "job-" + UUID.randomUUID();
        long now = clock.getAsLong();
        AsiUpload upload = AsiUpload.newBuilder().setJobId(jobId).setDeviceId(deviceId).setDeviceName(deviceName)
                .setManagerId(managerId).setReceivedAt(now).setFile(ByteBuffer.wrap(file)).build();
        producer.beginTransaction();
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.ASI_UPLOADS, 0, jobId,
                    Serdes.asiUpload().encode(upload))).get();
            Job job = new Job(written.offset() + 1, jobId, deviceId, managerId, JobState.PENDING, 0, Map.of(), now);
            producer.send(new ProducerRecord<>(Topics.JOBS, jobId, job.toJson()));
            producer.commitTransaction();
            board.saw(job);
            return job;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.abortTransaction();
            throw new KafkaException("interrupted while submitting an upload", e);
        } catch (ExecutionException | KafkaException e) {
            producer.abortTransaction();
            throw new KafkaException("cannot submit the upload: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
