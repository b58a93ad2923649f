package io.insiders.api.registry;

import java.time.Duration;

import io.insiders.api.commands.SerialCommandProcessor;
import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.kafka.WorkerLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The registry (see {@link Registry}) and its processor, which runs the features' {@link RegistryRules}. */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryConfiguration.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /** Started with the application's lifecycle, once {@link KafkaAdmin} has created the topics. */
    @Bean(destroyMethod = "close")
    Registry registry(KafkaCluster cluster, KafkaAdmin topicsCreated, RegistryProperties properties) {
        return new Registry(cluster.bootstrapServers(), properties.commandTimeout(), System::currentTimeMillis);
    }

    @Bean
    SmartLifecycle registryProcessor(Registry registry, KafkaCluster cluster, ObjectProvider<RegistryRules> rules) {
        return new WorkerLifecycle<>("insiders-registry-processor", WorkerLifecycle.BEFORE_WEB, () -> new SerialCommandProcessor<>(
                cluster.bootstrapServers(), RegistryCommandHandler.TOPICS,
                new RegistryCommandHandler(rules.orderedStream().toList(), System::currentTimeMillis)), () -> {
                    try {
                        registry.start(CATCH_UP);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        LOG.warn("interrupted while the registry was read");
                    }
                });
    }
}
