package io.insiders.api.streams;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;

import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.kafka.KafkaClusterProperties;
import io.insiders.api.kafka.KafkaConfiguration;
import io.insiders.api.kafka.WorkerLifecycle;
import io.insiders.stream.InsidersTopology;
import io.insiders.stream.PipelineSettings;
import io.insiders.stream.RocksDbMemory;
import io.insiders.stream.StreamsTuning;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the pipeline's Kafka Streams instance inside the application, so that the API answers from
 * the stores this instance hosts. Started after the topics exist, stopped before the broker.
 */
public final class StreamsRuntime implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

    private final KafkaStreams streams;
    private final StreamsProperties properties;
    private volatile boolean running;

    public StreamsRuntime(KafkaCluster cluster, KafkaClusterProperties clusterProperties, StreamsProperties properties) {
        this.properties = properties;
        PipelineSettings settings = PipelineSettings.defaults().withRetention(properties.retention())
                .withFramePartitions(new FramePartitions(cluster.bootstrapServers()));
        this.streams = new KafkaStreams(InsidersTopology.build(settings), config(cluster, clusterProperties, properties));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    static Properties config(KafkaCluster cluster, KafkaClusterProperties clusterProperties, StreamsProperties properties) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        StreamsTuning.applyTo(config, properties.compression());
        config.put(StreamsConfig.STATE_DIR_CONFIG, clusterProperties.dataDir().resolve("streams").toAbsolutePath().toString());
        HostInfo self = applicationServer(properties.advertisedUrl());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, properties.standbyReplicas());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
        // Every RocksDB store of the instance within one bound (docs/benchmarks.md, memory).
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class);
        config.put(RocksDbMemory.TOTAL_BYTES_CONFIG, Long.toString(properties.rocksdbMemory().toBytes()));
        // 0 leaves the choice to the brokers' default.replication.factor.
        int replication = clusterProperties.replicationFactor();
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication == 0 ? -1 : replication);
        config.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG), KafkaConfiguration.TIMESTAMPS_AHEAD);
        // An instance that died is noticed within 10 s (the default is 45 s), so its devices answer again soon.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // A refused message goes whole to the dead-letter topic: the producer must take the largest the intake accepts.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), KafkaConfiguration.MAX_DEAD_LETTER_BYTES);
        return config;
    }

    /**
     * The {@code application.server} of an instance advertising {@code advertisedUrl}: its host and
     * port, the port defaulting to the scheme's. Every instance publishes it in the group's metadata,
     * which is how the instances find the one that holds a device.
     */
    public static HostInfo applicationServer(String advertisedUrl) {
        URI advertised = URI.create(advertisedUrl);
        if (advertised.getHost() == null) {
            throw new IllegalArgumentException("insiders.streams.advertised-url needs a host: " + advertisedUrl);
        }
        int port = advertised.getPort() >= 0 ? advertised.getPort() : "https".equalsIgnoreCase(advertised.getScheme()) ? 443 : 80;
        return new HostInfo(advertised.getHost(), port);
    }

    /** This instance's address in the group's metadata: how the others name it. */
    public HostInfo self() {
        return applicationServer(properties.advertisedUrl());
    }

    /** This instance's base URL as the others reach it; its scheme is the one used to reach them. */
    public URI advertisedUrl() {
        return URI.create(properties.advertisedUrl());
    }

    /** The running instance, for interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /** How long a query waits for a store in transition. */
    public Duration storeWait() {
        return properties.storeWait();
    }

    @Override
    public void start() {
        streams.start();
        running = true;
        LOG.info("stream processor started as {}", properties.advertisedUrl());
    }

    @Override
    public void stop() {
        running = false;
        // Leaving the group lets the instance's partitions move at once, instead of after the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        LOG.info("stream processor stopped");
    }

    /**
     * Starts before the web server and stops after it, so that requests in flight finish with their stores;
     * and before the other Kafka loops, so that its rebalance and the opening of its stores go on while they start.
     */
    @Override
    public int getPhase() {
        return WorkerLifecycle.BEFORE_WEB - 1;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
