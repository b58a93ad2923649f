package io.insiders.api.accounts;

import java.time.Duration;

import io.insiders.api.commands.SerialCommandProcessor;
import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.kafka.WorkerLifecycle;
import io.insiders.api.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The accounts, kept in Kafka (see {@code docs/accounts.md}): the directory every instance reads, the
 * gateway the API writes commands through, the account processor, and the operations over them.
 */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsConfiguration.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /** Started with the application's lifecycle, once {@link KafkaAdmin} has created the topics. */
    @Bean(destroyMethod = "close")
    ManagerDirectory managerDirectory(KafkaCluster cluster, KafkaAdmin topicsCreated) {
        return new ManagerDirectory(cluster.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    CommandGateway commandGateway(KafkaCluster cluster, KafkaAdmin topicsCreated) {
        return new CommandGateway(cluster.bootstrapServers());
    }

    /**
     * The account processor, started once the topics exist (the application's lifecycle starts after every bean is
     * ready, {@code KafkaAdmin}'s topic creation included), with the directory and the gateway's reading of the results.
     * Holds the web server back until the directory has read every account, so that the first requests authenticate
     * against all of them.
     */
    @Bean
    SmartLifecycle accountProcessor(ManagerDirectory directory, CommandGateway gateway, KafkaCluster cluster) {
        return new WorkerLifecycle<>("insiders-accounts-processor", WorkerLifecycle.BEFORE_WEB, () -> new SerialCommandProcessor<>(
                cluster.bootstrapServers(), AccountCommandHandler.TOPICS, new AccountCommandHandler(System::currentTimeMillis)), () -> {
                    directory.start();
                    try {
                        gateway.start(CATCH_UP);
                        if (!directory.awaitCaughtUp(CATCH_UP)) {
                            LOG.warn("the manager directory has not read every account after {}: starting anyway", CATCH_UP);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @Bean
    PasswordRules passwordRules() {
        return PasswordRules.load();
    }

    @Bean
    AccountService accountService(ManagerDirectory directory, CommandGateway gateway, PasswordEncoder encoder, PasswordRules rules,
                                  Mailer mailer, AccountsProperties properties) {
        return new AccountService(directory, gateway, encoder, rules, mailer, properties.commandTimeout(), System::currentTimeMillis);
    }
}
