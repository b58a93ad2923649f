package io.insiders.api.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, with
 * its log under {@code <data>/kafka}. It is the Apache Kafka server itself, not a stand-in: topics,
 * transactions and retention behave as on a cluster of one. Its storage is formatted on the first
 * start and reused afterwards, so a restart keeps every topic.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Segment size of the group and transaction coordinators' topics (see {@link #start}). */
    private static final int INTERNAL_SEGMENT_BYTES = 1024 * 1024;
    /** Memory of the log cleaner's key map (see {@link #start}). */
    private static final int CLEANER_DEDUPE_BYTES = 32 * 1024 * 1024;

    private final KafkaConfig config;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedBroker(KafkaConfig config, String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats the storage if needed, starts the broker, and returns once it accepts clients. */
    public static EmbeddedBroker start(Path dataDir, int port, int controllerPort, Map<String, String> overrides)
            throws IOException {
        Path logDir = dataDir.resolve("kafka").toAbsolutePath();
        Files.createDirectories(logDir);
        String bootstrap = "127.0.0.1:" + port;
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + bootstrap + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "6");
        // The coordinators read their whole partition at every start, and compaction only reaches closed
        // segments: with the default 100 MB segments, every transaction and offset commit ever made (one a
        // second per transactional producer) is read again at each start. 1 MiB segments keep them compacted.
        config.put("transaction.state.log.segment.bytes", Integer.toString(INTERNAL_SEGMENT_BYTES));
        config.put("offsets.topic.segment.bytes", Integer.toString(INTERNAL_SEGMENT_BYTES));
        // The log cleaner's map of keys to offsets is a byte array on the heap, allocated at start and held
        // for good: 128 MB by default, a sixth of the application's whole heap, kept live beside the
        // pipeline's own data, so G1 marked the heap over and over under a sustained load. 32 MB hold about
        // 1.2 million keys per cleaning pass, more than a full segment of the largest changelog holds; a
        // segment whose keys do not all fit is cleaned in more than one pass.
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(CLEANER_DEDUPE_BYTES));
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", "1");
        config.putAll(overrides);
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(config, false);

        format(logDir);
        EmbeddedBroker broker = new EmbeddedBroker(kafkaConfig, bootstrap);
        broker.startServer();
        LOG.info("embedded Kafka broker data in {}", logDir);
        return broker;
    }

    private synchronized void startServer() {
        long started = System.nanoTime();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        LOG.info("embedded Kafka broker ready at {} in {} ms", bootstrapServers, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Stops the broker (as {@link #close}) and starts it again on the same port and log, as a broker
     * of a cluster comes back after a restart: the clients of the application reconnect by themselves.
     *
     * @param downFor how long the broker stays away
     */
    public void restart(Duration downFor) throws InterruptedException {
        close();
        Thread.sleep(downFor.toMillis());
        startServer();
    }

    private static void format(Path logDir) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot format the embedded broker's storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** The address clients use. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A controlled shutdown: the next start finds a clean log and needs no recovery. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        LOG.info("stopping the embedded Kafka broker");
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }
}
