package io.insiders.api.accounts;

import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.mail.Mailer;
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

    /** Started with the application's lifecycle, once {@link KafkaAdmin} has created the topics. */
    @Bean(destroyMethod = "close")
    ManagerDirectory managerDirectory(KafkaCluster cluster, KafkaAdmin topicsCreated) {
        return new ManagerDirectory(cluster.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    CommandGateway commandGateway(KafkaCluster cluster, KafkaAdmin topicsCreated) {
        return new CommandGateway(cluster.bootstrapServers());
    }

    @Bean
    SmartLifecycle accountProcessor(ManagerDirectory directory, CommandGateway gateway, KafkaCluster cluster) {
        return new AccountsLifecycle(directory, gateway, cluster.bootstrapServers());
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
