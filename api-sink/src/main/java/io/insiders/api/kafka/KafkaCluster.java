package io.insiders.api.kafka;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

/**
 * The Kafka cluster the application uses: the configured one, or else the embedded broker, started
 * here. Every Kafka client of the application (Spring's and the stream processor's) takes its
 * address from this bean.
 */
public final class KafkaCluster implements KafkaConnectionDetails, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

    private final EmbeddedBroker embedded;
    private final String bootstrapServers;

    private KafkaCluster(EmbeddedBroker embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    /** The cluster of the embedded broker, which this bean now owns and stops at the end. */
    public static KafkaCluster embedded(EmbeddedBroker broker) {
        return new KafkaCluster(broker, broker.bootstrapServers());
    }

    /** A cluster run elsewhere, at {@code bootstrapServers}. */
    public static KafkaCluster joining(String bootstrapServers) {
        LOG.info("joining the Kafka cluster at {}", bootstrapServers);
        return new KafkaCluster(null, bootstrapServers);
    }

    /** The address of the cluster, as a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when this application runs the broker itself. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The broker this application runs, when it runs one. */
    public Optional<EmbeddedBroker> embeddedBroker() {
        return Optional.ofNullable(embedded);
    }

    @Override
    public List<String> getBootstrapServers() {
        return List.of(bootstrapServers.split(","));
    }

    @Override
    public void destroy() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
