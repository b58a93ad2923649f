package io.insiders.api.mail;

import java.nio.file.Path;

import io.insiders.api.kafka.KafkaClusterProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Where the application's emails go: to the SMTP server of {@code spring.mail.host} (Spring Boot then
 * provides the {@link JavaMailSender}), or, with none configured, to {@code .eml} files in the
 * {@code outbox/} folder of {@code insiders.kafka.data-dir}. Start-up says which.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    Mailer mailer(ObjectProvider<JavaMailSender> smtp, OutgoingMailProperties properties, KafkaClusterProperties kafka,
                  Environment environment) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            Path outbox = kafka.dataDir().resolve("outbox").toAbsolutePath().normalize();
            LOG.info("no SMTP server configured (spring.mail.host): emails are written as .eml files to {}", outbox);
            sender = new OutboxMailSender(outbox);
        } else {
            LOG.info("emails are sent through the SMTP server {}:{}", environment.getProperty("spring.mail.host"),
                    environment.getProperty("spring.mail.port", "25"));
        }
        return new Mailer(sender, properties.from());
    }
}
