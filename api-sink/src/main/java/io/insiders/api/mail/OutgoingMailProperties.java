package io.insiders.api.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's emails ({@code insiders.mail.*}); the SMTP server itself is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from the sender of every email
 */
@ConfigurationProperties("insiders.mail")
public record OutgoingMailProperties(@DefaultValue("Insiders <no-reply@localhost>") String from) {
}
