package io.insiders.api.kafka;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Looks for hanging transactions on the project's topics and the consumer offsets, and aborts them
 * ({@code insiders.kafka.hanging-transactions.*}; see {@link HangingTransactions}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "insiders.kafka.hanging-transactions", name = "abort", havingValue = "true", matchIfMissing = true)
class HangingTransactionsConfiguration {

    /** The project's topics and its stores' changelogs (named after the application id, {@code insiders} by default). */
    private static final String TOPIC_PREFIX = "insiders";

    @Bean
    WorkerLifecycle<HangingTransactions> hangingTransactions(
            KafkaCluster cluster,
            @Value("${insiders.kafka.hanging-transactions.minimum-age:1m}") Duration minimumAge,
            @Value("${insiders.kafka.hanging-transactions.interval:30s}") Duration interval) {
        return new WorkerLifecycle<>("insiders-hanging-transactions", WorkerLifecycle.BEFORE_WEB,
                () -> new HangingTransactions(cluster.bootstrapServers(), name -> name.startsWith(TOPIC_PREFIX), minimumAge,
                        interval, System::currentTimeMillis));
    }
}
