package io.insiders.api.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The accounts ({@code insiders.accounts.*}).
 *
 * @param commandTimeout how long a request waits for the account processor's answer before a 503
 */
@ConfigurationProperties("insiders.accounts")
public record AccountsProperties(@DefaultValue("10s") Duration commandTimeout) {
}
