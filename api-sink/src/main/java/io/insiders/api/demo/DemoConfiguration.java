package io.insiders.api.demo;

import io.insiders.api.accounts.AccountService;
import io.insiders.api.accounts.ManagerDirectory;
import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.fields.Fields;
import io.insiders.api.kafka.KafkaCluster;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo mode, when {@code insiders.demo.enabled} is true ({@code --demo}): see {@link DemoRun}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "insiders.demo", name = "enabled", havingValue = "true")
public class DemoConfiguration {

    @Bean
    DemoRun demoRun(DemoProperties properties, KafkaCluster cluster, DeviceRegistry devices, ManagerDirectory directory,
                    AccountService accounts, DemoOwnership ownership, Fields fields, Environment environment) {
        return new DemoRun(properties, cluster.bootstrapServers(), devices, directory, accounts, ownership, fields, environment);
    }
}
