package io.insiders.api.kafka;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the application finds Kafka ({@code insiders.kafka.*}).
 *
 * @param bootstrapServers the cluster to join ({@code INSIDERS_KAFKA_BOOTSTRAP_SERVERS}); empty to
 *     run the embedded single-node broker
 * @param dataDir where the embedded broker and the state stores keep their data
 * @param embeddedPort the embedded broker's client port
 * @param embeddedControllerPort the embedded broker's controller port; 0 for the one after {@code embeddedPort}
 * @param partitions partitions of each frame topic and of the stores' changelogs
 * @param replicationFactor replicas of each topic; 0 picks min(3, brokers in the cluster)
 */
@ConfigurationProperties("insiders.kafka")
public record KafkaClusterProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("19092") int embeddedPort,
        @DefaultValue("0") int embeddedControllerPort,
        @DefaultValue("6") int partitions,
        @DefaultValue("0") short replicationFactor) {

    /** The port the embedded broker's controller listens on. */
    public int controllerPort() {
        return embeddedControllerPort == 0 ? embeddedPort + 1 : embeddedControllerPort;
    }

    /** True when no cluster is configured and the embedded broker runs. */
    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
