package io.insiders.api.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.insiders.api.TestKafka;
import io.insiders.ingest.asi.AsiDecoder;
import io.insiders.ingest.asi.AsiFix;
import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.JobBoard;
import io.insiders.ingest.uploads.JobState;
import io.insiders.ingest.uploads.UploadJobProcessor;
import io.insiders.ingest.uploads.UploadSubmitter;
import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upload jobs when the process dies part-way: a job's frames are all committed with its SUCCESS, or
 * none are; a job interrupted in the middle resumes and ends; one interrupted too often fails and
 * says why. The "crash" is a producer with the job processor's transactional id that sent part of a
 * file's frames and never committed, exactly what a process killed mid-job leaves behind.
 */
class UploadJobCrashTest {

    private static final Duration RETENTION = Duration.ofDays(3650);

    private static KafkaClusterTestKit cluster;

    private final String run = UUID.randomUUID().toString();
    /** A device of its own per test: the tests share the broker's frame topic. */
    private final String device = "dev-" + run;
    private final String transactionalId = "crash-test-jobs-" + run;
    private final List<AutoCloseable> open = new ArrayList<>();
    private JobBoard board;

    @BeforeAll
    static void topics() throws Exception {
        // A broker of its own: the applications of other test classes would otherwise take these uploads too.
        cluster = TestKafka.startCluster();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            for (NewTopic topic : List.of(new NewTopic(Topics.ASI_UPLOADS, 1, (short) 1), new NewTopic(Topics.JOBS, 1, (short) 1),
                    new NewTopic(Topics.FRAMES_RAW, 3, (short) 1))) {
                admin.createTopics(List.of(topic.configs(Map.of("max.message.bytes", "41943040")))).all().get();
            }
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @BeforeEach
    void board() throws Exception {
        board = new JobBoard(cluster.bootstrapServers());
        board.start();
        assertThat(board.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        board.close();
    }

    @Test
    void aJobCutShortLeavesNoFrameAndResumesToSuccessWithEveryFrameOnce() throws Exception {
        byte[] file = example();
        List<AsiFix> fixes = AsiDecoder.decode(file).frames();
        Job submitted = submit(file);

        // The job started, then its process died half-way through sending the frames.
        write(submitted.with(JobState.STARTED, 1, Map.of(), System.currentTimeMillis()));
        KafkaProducer<String, byte[]> zombie = transactionalProducer(transactionalId);
        zombie.initTransactions();
        zombie.beginTransaction();
        for (AsiFix fix : fixes.subList(0, fixes.size() / 2)) {
            zombie.send(new ProducerRecord<>(Topics.FRAMES_RAW, device, Serdes.frame().encode(frame(fix)))).get();
        }
        zombie.flush();

        startProcessor();

        Job ended = await().atMost(Duration.ofSeconds(60)).until(() -> board.job(submitted.jobId()).orElseThrow(),
                job -> job.state().isFinal());
        assertThat(ended.state()).isEqualTo(JobState.SUCCESS);
        assertThat(ended.attempts()).isEqualTo(2);
        assertThat(ended.details()).containsEntry("frames", 41);
        // The commit markers reach each partition in turn: the job's SUCCESS may be read before every frame is.
        List<Long> committed = await().atMost(Duration.ofSeconds(30)).until(this::committedFrameTimes, times -> times.size() >= 41);
        assertThat(committed).hasSize(41).doesNotHaveDuplicates();
        assertThat(committed).containsExactlyInAnyOrderElementsOf(fixes.stream().map(AsiFix::timestamp).toList());
    }

    @Test
    void aJobInterruptedTooOftenFailsAndSaysWhyWithoutFrames() throws Exception {
        Job submitted = submit(example());
        write(submitted.with(JobState.STARTED, UploadJobProcessor.MAX_ATTEMPTS, Map.of(), System.currentTimeMillis()));

        startProcessor();

        Job ended = await().atMost(Duration.ofSeconds(60)).until(() -> board.job(submitted.jobId()).orElseThrow(),
                job -> job.state().isFinal());
        assertThat(ended.state()).isEqualTo(JobState.FAILURE);
        assertThat(String.valueOf(ended.details().get("error"))).contains("interrupted " + UploadJobProcessor.MAX_ATTEMPTS + " times");
        assertThat(committedFrameTimes()).isEmpty();
    }

    private Job submit(byte[] file) {
        UploadSubmitter submitter = new UploadSubmitter(cluster.bootstrapServers(), "crash-test-submit-" + run, board,
                System::currentTimeMillis);
        open.add(submitter);
        return submitter.submit(31, device, null, file);
    }

    private void startProcessor() {
        UploadJobProcessor processor = new UploadJobProcessor(cluster.bootstrapServers(), "crash-test-" + run, transactionalId,
                board, System::currentTimeMillis, RETENTION);
        Thread thread = new Thread(processor, "crash-test-upload-jobs");
        thread.start();
        open.add(() -> {
            processor.close();
            thread.join(10_000);
        });
    }

    private void write(Job job) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.JOBS, job.jobId(), job.toJson())).get();
        }
        board.saw(job);
    }

    /** The times of the frames of this test's device committed on the raw frame topic, as a read_committed consumer sees them. */
    private List<Long> committedFrameTimes() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Long> times = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FRAMES_RAW).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (device.equals(record.key())) {
                        times.add(Serdes.frame().decode(record.value()).getTimestamp());
                    }
                }
            }
        }
        return times;
    }

    private Frame frame(AsiFix fix) {
        return Frame.newBuilder().setDeviceName(device).setTimestamp(fix.timestamp()).setLatitude(fix.latitude())
                .setLongitude(fix.longitude()).build();
    }

    private static KafkaProducer<String, byte[]> transactionalProducer(String id) {
        Properties config = config();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return config;
    }

    private static byte[] example() throws IOException {
        try (InputStream in = UploadJobCrashTest.class.getResourceAsStream("/asi/match-short.asi")) {
            return in.readAllBytes();
        }
    }
}
