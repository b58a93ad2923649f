package io.insiders.api.kafka;

import java.time.Duration;
import java.util.Map;

import io.insiders.api.streams.StreamsProperties;
import io.insiders.schemas.Topics;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Kafka cluster and the project's topics. Spring's {@link KafkaAdmin} creates the topics that
 * are missing when the application starts, before the stream processor starts; see
 * {@code docs/topics.md} for each one's purpose.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    /**
     * Frames may be up to a day ahead of now, and the pipeline stamps its output with the frame's
     * time: the topics it writes must accept timestamps that far ahead (the broker's default is 1 hour).
     */
    public static final String TIMESTAMPS_AHEAD = Long.toString(Duration.ofDays(2).toMillis());

    /** Uploads of up to 32 MiB travel as one record: the broker must accept them. */
    static final int MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

    /**
     * A dead letter keeps the message it refuses, whole, with headers that say why: up to the largest
     * message the intake topics take, and a margin. Without it, one message larger than the producers'
     * default (1 MiB) would stop the stream processor at every attempt to refuse it.
     */
    public static final int MAX_DEAD_LETTER_BYTES = MAX_MESSAGE_BYTES + 1024 * 1024;

    /** What the embedded broker needs beyond its defaults for the project's topics. */
    static final Map<String, String> BROKER_SETTINGS = Map.of(
            "message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES),
            "replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES),
            "log.message.timestamp.after.max.ms", TIMESTAMPS_AHEAD);

    /** The cluster: the configured one, or the embedded broker whose start began with the context. */
    @Bean
    KafkaCluster kafkaCluster(KafkaClusterProperties properties, ObjectProvider<EmbeddedBrokerStartup> startup) {
        return properties.embedded()
                ? KafkaCluster.embedded(startup.getIfAvailable(() -> EmbeddedBrokerStartup.begin(properties)).broker())
                : KafkaCluster.joining(properties.bootstrapServers());
    }

    @Bean
    KafkaAdmin.NewTopics insidersTopics(KafkaClusterProperties properties,
                                        StreamsProperties streams) {
        int partitions = properties.partitions();
        long retention = streams.retention().toMillis();
        long week = Duration.ofDays(7).toMillis();
        return new KafkaAdmin.NewTopics(
                topic(Topics.FRAMES_RAW, partitions, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week)).build(),
                topic(Topics.FRAMES_JSON, partitions, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week)).build(),
                topic(Topics.FRAMES_REKEYED, partitions, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week))
                        .config(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, TIMESTAMPS_AHEAD).build(),
                topic(Topics.DEVICES_PROVISIONING, partitions, properties).compact().build(),
                topic(Topics.FIELDS, partitions, properties).compact().build(),
                topic(Topics.FRAMES_ENRICHED, partitions, properties)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention))
                        .config(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, TIMESTAMPS_AHEAD).build(),
                topic(Topics.ACTIVITY_RANGES, partitions, properties)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention))
                        .config(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, TIMESTAMPS_AHEAD).build(),
                topic(Topics.FRAMES_DEAD_LETTER, partitions, properties)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention))
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_DEAD_LETTER_BYTES)).build(),
                // One partition: a job's number is its upload's offset. Files travel whole, up to 32 MiB.
                topic(Topics.ASI_UPLOADS, 1, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week))
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)).build(),
                topic(Topics.JOBS, partitions, properties).config(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete")
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention)).build(),
                // Accounts (docs/accounts.md): one partition each, so that the commands apply in one order.
                topic(Topics.ACCOUNTS_COMMANDS, 1, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week)).build(),
                topic(Topics.ACCOUNTS_MANAGERS, 1, properties).compact().build(),
                topic(Topics.ACCOUNTS_RESULTS, 1, properties)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())).build(),
                // The registry (docs/registry.md): the same pattern as the accounts.
                topic(Topics.REGISTRY_COMMANDS, 1, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week)).build(),
                topic(Topics.REGISTRY_STATE, 1, properties).compact().build(),
                topic(Topics.REGISTRY_RESULTS, 1, properties)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())).build(),
                // The devices' link (docs/bluetooth.md): commands down, reports up, keyed by device name.
                topic(Topics.DEVICES_DOWNLINK, partitions, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week)).build(),
                topic(Topics.DEVICES_UPLINK, partitions, properties).config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(week)).build());
    }

    private static TopicBuilder topic(String name, int partitions, KafkaClusterProperties properties) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(partitions);
        return properties.replicationFactor() > 0 ? builder.replicas(properties.replicationFactor()) : builder;
    }
}
