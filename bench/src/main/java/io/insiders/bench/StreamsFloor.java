package io.insiders.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.insiders.stream.StreamsTuning;
import io.insiders.stream.storage.WriteBehindStoreBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor under the pipeline's throughput: a Kafka Streams application that does the least an exactly-once,
 * stateful one can do per record, with the pipeline's own settings (exactly-once v2, 1 s commits, two stream
 * threads, the same producer batching and compression) and its kind of store. It keeps each key's latest value in a
 * RocksDB store with its changelog, written behind as the pipeline's are, and sends each record on, unchanged, to an
 * output topic. Runs until it is stopped; the script measures it like the pipeline, by its committed offsets.
 */
@Command(name = "streams-floor", mixinStandardHelpOptions = true,
        description = "Runs a minimal exactly-once Kafka Streams application over a topic, until stopped.")
final class StreamsFloor implements Callable<Integer> {

    private static final String STORE = "latest-by-key";

    @Option(names = "--bootstrap-servers", required = true)
    String bootstrapServers;

    @Option(names = "--application-id", required = true)
    String applicationId;

    @Option(names = "--topic", defaultValue = "insiders.frames.raw")
    String topic;

    @Option(names = "--output", defaultValue = "bench.streams-floor")
    String output;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the output topic, made if missing.")
    int partitions;

    @Option(names = "--state-dir", required = true)
    Path stateDir;

    @Option(names = "--threads", defaultValue = "2", description = "Stream threads: the pipeline's default.")
    int threads;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(output)) {
                admin.createTopics(List.of(new NewTopic(output, partitions, (short) 1))).all().get();
            }
        }
        Files.createDirectories(stateDir);
        KafkaStreams streams = new KafkaStreams(topology(topic, output), config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
        return 0;
    }

    /** Source, the latest value of each key in a store written behind like the pipeline's, sink: nothing decoded or computed. */
    static Topology topology(String input, String output) {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.Bytes().deserializer(), Serdes.ByteArray().deserializer(), input);
        topology.addProcessor("latest", LatestByKey::new, "source");
        topology.addStateStore(WriteBehindStoreBuilder.persistent(STORE), "latest");
        topology.addSink("sink", output, Serdes.Bytes().serializer(), Serdes.ByteArray().serializer(), "latest");
        return topology;
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        // The pipeline's settings, so that the two differ only in what they do per record: its client tuning, and
        // the defaults of its properties (application.yml: two threads, 1 s commits, lz4), and its kind of store.
        StreamsTuning.applyTo(config, "lz4");
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        return config;
    }

    /** Keeps each key's latest value and sends the record on. */
    private static final class LatestByKey implements Processor<Bytes, byte[], Bytes, byte[]> {
        private ProcessorContext<Bytes, byte[]> context;
        private KeyValueStore<Bytes, byte[]> latest;

        @Override
        public void init(ProcessorContext<Bytes, byte[]> context) {
            this.context = context;
            this.latest = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            latest.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
