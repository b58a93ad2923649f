package io.insiders.api.streams;

import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.kafka.KafkaClusterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The stream processor hosted by this application, and its health. */
@Configuration(proxyBeanMethods = false)
public class StreamsConfiguration {

    /** Depends on the admin so that the topics exist before the first poll. */
    @Bean
    StreamsRuntime streamsRuntime(KafkaCluster cluster, KafkaClusterProperties clusterProperties, StreamsProperties properties,
                                  KafkaAdmin topicsCreated) {
        return new StreamsRuntime(cluster, clusterProperties, properties);
    }

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(StreamsRuntime runtime) {
        return new StreamsHealthIndicator(runtime);
    }

    @Bean
    StoreQueries storeQueries(StreamsRuntime runtime) {
        return new StoreQueries(runtime);
    }
}
