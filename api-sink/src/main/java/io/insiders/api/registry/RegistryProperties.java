package io.insiders.api.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry's settings ({@code insiders.registry.*}).
 *
 * @param commandTimeout how long a request waits for its command's result before answering 503
 */
@ConfigurationProperties("insiders.registry")
public record RegistryProperties(@DefaultValue("10s") Duration commandTimeout) {
}
